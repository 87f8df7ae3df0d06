// Dates as people read them, in the interface language and their own time zone.
import type { IntlShape } from 'react-intl';

export function formatDate(intl: IntlShape, iso: string): string {
  return intl.formatDate(iso, { dateStyle: 'medium' });
}

export function formatDateTime(intl: IntlShape, iso: string): string {
  return intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}
