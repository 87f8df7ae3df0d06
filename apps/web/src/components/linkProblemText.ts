// Why a typed link is refused (the shared rule of @factdesk/model's checkLinkUrl), in the
// interface's language, naming the field as the form labels it.
import type { LinkProblem, LinkUrlCheck } from '@factdesk/model';
import type { MessageId } from '../i18n/catalogs.ts';
import type { Translate } from '../i18n/useT.ts';

const SENTENCE: Record<LinkProblem, MessageId> = {
  empty: 'linkProblem.empty',
  control: 'linkProblem.control',
  backslash: 'linkProblem.backslash',
  whitespace: 'linkProblem.whitespace',
  notUrl: 'linkProblem.notUrl',
  scheme: 'linkProblem.scheme',
  credentials: 'linkProblem.credentials',
  noAddress: 'linkProblem.noAddress',
  noHost: 'linkProblem.noHost',
};

export function linkProblemText(
  t: Translate,
  check: Extract<LinkUrlCheck, { ok: false }>,
  field: string,
): string {
  return t(SENTENCE[check.reason], {
    field,
    schemes: check.schemes,
    scheme: check.scheme ?? '',
  });
}
