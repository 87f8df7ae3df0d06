// Evidence URLs as stored, by the shared rule of @factdesk/model (the web form checks the
// same). The server never fetches them.
import { checkEvidenceUrl } from '@factdesk/model';
import { BadRequestError } from '../../errors.ts';

export function normalizeEvidenceUrl(input: string, field: string): string {
  const checked = checkEvidenceUrl(input, field);
  if (!checked.ok) throw new BadRequestError(checked.problem, field, 'invalid_url');
  return checked.href;
}
