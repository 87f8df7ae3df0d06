// Links in a report are shown only when they are absolute http(s) URLs; anything else is text.

/** The normalised URL when `value` is an absolute http: or https: URL, otherwise null. */
export function safeUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
