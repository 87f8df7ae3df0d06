// How every format flags an evidence link the checker found dead or moved (the same words in
// each): "Dead link — answered 410, checked 2026-12-01", "Moved — now at <final address>".
import type { ReportEvidenceLink } from '@factdesk/model';
import { safeUrl } from './safeUrl.ts';

export interface LinkFlag {
  label: 'Dead link' | 'Moved';
  /** Where a moved link now answers, when it is a web address. */
  finalUrl: string | null;
  /** "answered 410, checked 2026-12-01" / "checked 2026-12-01"; may be empty. */
  note: string;
}

export function linkFlag(link: ReportEvidenceLink | null): LinkFlag | null {
  if (!link) return null;
  const checked = link.checkedAt ? `checked ${link.checkedAt.slice(0, 10)}` : '';
  if (link.state === 'dead') {
    const answered = link.httpStatus ? `answered ${link.httpStatus}` : '';
    return {
      label: 'Dead link',
      finalUrl: null,
      note: [answered, checked].filter(Boolean).join(', '),
    };
  }
  return { label: 'Moved', finalUrl: safeUrl(link.finalUrl), note: checked };
}
