// Link targets the article may carry: http(s) and mailto only, URL-normalised so that
// internationalised host names are stored as punycode (never a look-alike Unicode string).
import punycode from 'punycode.js';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The normalised href, or null when the link must not survive (javascript:, data:, relative…). */
export function safeHref(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  // Credentials in a link are a phishing trick ("https://bank.com@evil.example").
  if (url.username !== '' || url.password !== '') return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return url.href;
}

/** The host of a link as a reader should see it: Unicode, e.g. "bücher.example". */
export function displayHost(href: string): string {
  try {
    const url = new URL(href);
    return punycode.toUnicode(url.hostname);
  } catch {
    return '';
  }
}
