// How long something took, as a newsroom says it: "< 1 min", "40 min", "5 h 20 min", "3.5 days"
// (« 3,5 jours » in French: the numbers go through the interface language's number format).
import type { IntlShape } from 'react-intl';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatDuration(intl: IntlShape, seconds: number): string {
  const say = intl.formatMessage;
  if (seconds < 30) return say({ id: 'duration.underAMinute' });
  if (seconds < HOUR)
    return say({ id: 'duration.minutes' }, { minutes: Math.round(seconds / MINUTE) });
  if (seconds < 2 * DAY) {
    const hours = Math.floor(seconds / HOUR);
    const minutes = Math.round((seconds - hours * HOUR) / MINUTE);
    if (minutes === 60) return say({ id: 'duration.hours' }, { hours: hours + 1 });
    return minutes === 0
      ? say({ id: 'duration.hours' }, { hours })
      : say({ id: 'duration.hoursMinutes' }, { hours, minutes });
  }
  const days = seconds / DAY;
  return say(
    { id: 'duration.days' },
    { days: days < 10 ? Math.round(days * 10) / 10 : Math.round(days) },
  );
}
