// The one rule for every link Factdesk keeps or shows: imported article links, live link marks
// on the sync socket, evidence URLs and report links. Refused, never repaired: a URL the WHATWG
// parser would quietly rewrite (a backslash, a control character, a space in the host) is the
// shape of a spoofing attempt, so it is turned down with a sentence naming the field.

/** Schemes a link in the article (import, editor, socket, Markdown report) may use. */
export const LINK_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];
/** Schemes of web pages (evidence, source URLs, report links to pages). */
export const WEB_PROTOCOLS: readonly string[] = ['http:', 'https:'];

/** Why a link is refused: each reader's app or the server words it in the reader's language. */
export type LinkProblem =
  | 'empty'
  | 'control'
  | 'backslash'
  | 'whitespace'
  | 'notUrl'
  | 'scheme'
  | 'credentials'
  | 'noAddress'
  | 'noHost';

export type LinkUrlCheck =
  | { ok: true; href: string }
  | {
      ok: false;
      /** The English sentence (the command line, logs). */
      problem: string;
      reason: LinkProblem;
      /** Which schemes were allowed: web pages only, or article links (mailto too). */
      schemes: 'web' | 'link';
      /** The refused scheme, for `scheme`. */
      scheme?: string;
    };

// C0 controls, DEL and C1 controls: never part of a URL a person typed.
const CONTROL = /\p{Cc}/u;
// Any white space, Unicode included (no-break and ideographic spaces look like nothing).
const WHITESPACE = /\s/;

function schemesSentence(protocols: readonly string[]): string {
  const names = protocols.map((p) => p.replace(/:$/, ''));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : `${names[0]}`;
}

/**
 * The normalised href (IDN hosts as punycode) or the reason it is refused. `field` names the
 * input in the sentence, e.g. "url"; `protocols` defaults to LINK_PROTOCOLS. Leading and
 * trailing white space is the only thing removed.
 */
export function checkLinkUrl(
  input: string,
  field: string,
  protocols: readonly string[] = LINK_PROTOCOLS,
): LinkUrlCheck {
  const schemes = protocols.includes('mailto:') ? 'link' : 'web';
  const refuse = (reason: LinkProblem, problem: string, scheme?: string): LinkUrlCheck => ({
    ok: false,
    problem,
    reason,
    schemes,
    ...(scheme === undefined ? {} : { scheme }),
  });
  const trimmed = input.trim();
  if (trimmed === '') return refuse('empty', `${field} is empty.`);
  if (CONTROL.test(trimmed)) {
    return refuse('control', `${field} contains a control character.`);
  }
  if (trimmed.includes('\\')) {
    return refuse('backslash', `${field} contains a backslash; URLs use forward slashes.`);
  }
  if (WHITESPACE.test(trimmed)) {
    return refuse('whitespace', `${field} contains white space; encode spaces as %20.`);
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return refuse('notUrl', `${field} is not a valid absolute URL.`);
  }
  if (!protocols.includes(url.protocol)) {
    const scheme = url.protocol.replace(/:$/, '');
    return refuse(
      'scheme',
      `${field} must be an ${schemesSentence(protocols)} URL (not ${scheme}).`,
      scheme,
    );
  }
  // "https://bank.example@evil.example" shows one host and opens another.
  if (url.username !== '' || url.password !== '') {
    return refuse('credentials', `${field} must not contain a user name or password.`);
  }
  if (url.protocol === 'mailto:') {
    if (url.pathname === '') return refuse('noAddress', `${field} has no address.`);
  } else if (url.hostname === '') {
    return refuse('noHost', `${field} has no host.`);
  }
  return { ok: true, href: url.href };
}

/** The normalised href when `raw` passes the link rule, otherwise null (the link is dropped). */
export function safeHref(
  raw: string | null | undefined,
  protocols: readonly string[] = LINK_PROTOCOLS,
): string | null {
  if (typeof raw !== 'string') return null;
  const checked = checkLinkUrl(raw, 'link', protocols);
  return checked.ok ? checked.href : null;
}
