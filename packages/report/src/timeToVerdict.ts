// Time to verdict per claim (docs/report.md) as people read it: "2 d 4 h", "3 h 10 min". The
// CSV and JSON carry the seconds instead.
import type { ReportClaim } from '@factdesk/model';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "< 1 min", "40 min", "5 h 20 min", "2 d 4 h": the two largest units, rounded down. */
export function formatElapsed(seconds: number): string {
  if (seconds < MINUTE) return '< 1 min';
  const days = Math.floor(seconds / DAY);
  const hours = Math.floor((seconds % DAY) / HOUR);
  const minutes = Math.floor((seconds % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return `${minutes} min`;
}

/** "created → approved 2 d 4 h · assigned → proposed 3 h 10 min", or null with neither. */
export function timeToVerdictText(claim: ReportClaim): string | null {
  const { createdToApprovedSeconds, assignedToProposedSeconds } = claim.timeToVerdict;
  const parts: string[] = [];
  if (createdToApprovedSeconds !== null) {
    parts.push(`created → approved ${formatElapsed(createdToApprovedSeconds)}`);
  }
  if (assignedToProposedSeconds !== null) {
    parts.push(`assigned → proposed ${formatElapsed(assignedToProposedSeconds)}`);
  }
  return parts.length > 0 ? parts.join(' · ') : null;
}
