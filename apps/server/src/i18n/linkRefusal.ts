// A refused link (the shared rule of @factdesk/model's checkLinkUrl) as a catalog message, so
// the refusal reaches each person in their language with the field it names.
import type { LinkProblem, LinkUrlCheck } from '@factdesk/model';
import { type Message, type MessageId, msg } from './translate.ts';

// Literal ids, one per reason: the catalog test finds every id the code names.
const SENTENCE: Record<LinkProblem, MessageId> = {
  empty: 'errors.link.empty',
  control: 'errors.link.control',
  backslash: 'errors.link.backslash',
  whitespace: 'errors.link.whitespace',
  notUrl: 'errors.link.notUrl',
  scheme: 'errors.link.scheme',
  credentials: 'errors.link.credentials',
  noAddress: 'errors.link.noAddress',
  noHost: 'errors.link.noHost',
};

export function linkRefusal(check: Extract<LinkUrlCheck, { ok: false }>, field: string): Message {
  return msg(SENTENCE[check.reason], {
    field,
    schemes: check.schemes,
    scheme: check.scheme ?? '',
  });
}
