// "3 minutes ago", "yesterday", "in 2 days": how long ago something happened, in the reader's
// language. Past a month the calendar date reads better than a count.
import { formatDate } from '../../components/formatDate.ts';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
];

export function relativeTime(iso: string, now = Date.now()): string {
  let amount = (Date.parse(iso) - now) / 1000;
  if (Math.abs(amount) < 45) return 'just now';
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) return relative.format(Math.round(amount), unit);
    amount /= size;
  }
  return formatDate(iso);
}
