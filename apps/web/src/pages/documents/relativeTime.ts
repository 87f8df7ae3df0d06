// "3 minutes ago", "yesterday", "in 2 days": how long ago something happened, in the interface
// language. Past a month the calendar date reads better than a count.
import type { IntlShape } from 'react-intl';
import { formatDate } from '../../components/formatDate.ts';

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
];

export function relativeTime(intl: IntlShape, iso: string, now = Date.now()): string {
  let amount = (Date.parse(iso) - now) / 1000;
  if (Math.abs(amount) < 45) return intl.formatMessage({ id: 'time.justNow' });
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size) {
      return intl.formatRelativeTime(Math.round(amount), unit, { numeric: 'auto' });
    }
    amount /= size;
  }
  return formatDate(intl, iso);
}
