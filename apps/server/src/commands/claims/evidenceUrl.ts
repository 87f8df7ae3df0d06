// Evidence URLs as stored, by the shared rule of @factdesk/model (the web form checks the
// same). Only the link checker and archiving fetch them, through outbound/ (the SSRF-safe client).
import { checkEvidenceUrl } from '@factdesk/model';
import { BadRequestError } from '../../errors.ts';
import { linkRefusal } from '../../i18n/linkRefusal.ts';

export function normalizeEvidenceUrl(input: string, field: string): string {
  const checked = checkEvidenceUrl(input, field);
  if (!checked.ok) throw new BadRequestError(linkRefusal(checked, field), field, 'invalid_url');
  return checked.href;
}
