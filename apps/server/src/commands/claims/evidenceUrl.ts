// Evidence URLs as stored: parsed and normalised by the WHATWG URL parser (IDN hosts become
// punycode), http and https only, never with credentials. The server never fetches them.
import { BadRequestError } from '../../errors.ts';

export function normalizeEvidenceUrl(input: string, field: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new BadRequestError(`${field} is not a valid URL.`, field, 'invalid_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BadRequestError(
      `${field} must be an http or https URL (not ${url.protocol.replace(/:$/, '')}).`,
      field,
      'invalid_url',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new BadRequestError(
      `${field} must not contain a user name or password.`,
      field,
      'invalid_url',
    );
  }
  if (url.hostname === '') {
    throw new BadRequestError(`${field} has no host.`, field, 'invalid_url');
  }
  return url.href;
}
