// The rule for evidence links, shared by the server (which enforces it) and the web form
// (which says the same thing before sending): parsed and normalised by the WHATWG URL
// parser (IDN hosts become punycode), http and https only, never with credentials.

export type EvidenceUrlCheck = { ok: true; href: string } | { ok: false; problem: string };

/** `field` names the input in the sentence, e.g. "url" or "Link". */
export function checkEvidenceUrl(input: string, field: string): EvidenceUrlCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, problem: `${field} is not a valid URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(/:$/, '');
    return { ok: false, problem: `${field} must be an http or https URL (not ${scheme}).` };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, problem: `${field} must not contain a user name or password.` };
  }
  if (url.hostname === '') return { ok: false, problem: `${field} has no host.` };
  return { ok: true, href: url.href };
}
