// Links in a report are shown only when they pass the link rule of @factdesk/model for web
// pages (absolute http(s), no credentials, nothing the URL parser would have to repair).
import { safeHref, WEB_PROTOCOLS } from '@factdesk/model';

/** The normalised URL when `value` is an acceptable http: or https: URL, otherwise null. */
export function safeUrl(value: string | null | undefined): string | null {
  return safeHref(value, WEB_PROTOCOLS);
}
