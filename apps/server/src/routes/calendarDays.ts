// Days given in query strings (from, to): the schema checks the shape, these check the rest.
import { BadRequestError } from '../errors.ts';
import { msg } from '../i18n/translate.ts';

/** The pattern checked the shape; this checks the day exists (no 2026-02-30). */
export function checkDay(day: string | undefined, field: 'from' | 'to'): void {
  if (day === undefined) return;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new BadRequestError(msg('errors.notCalendarDay', { field }), field);
  }
}

/** Both days exist and come in order. */
export function checkDays(from: string | undefined, to: string | undefined): void {
  checkDay(from, 'from');
  checkDay(to, 'to');
  if (from && to && from > to) {
    throw new BadRequestError(msg('errors.fromAfterTo', { from, to }), 'from');
  }
}
