// The rule for evidence links, shared by the server (which enforces it) and the web form
// (which says the same thing before sending): the link rule of checkLinkUrl, web pages only.
import { checkLinkUrl, type LinkUrlCheck, WEB_PROTOCOLS } from './checkLinkUrl.ts';

export type EvidenceUrlCheck = LinkUrlCheck;

/** `field` names the input in the sentence, e.g. "url" or "Link". */
export function checkEvidenceUrl(input: string, field: string): EvidenceUrlCheck {
  return checkLinkUrl(input, field, WEB_PROTOCOLS);
}
