// Which language an HTTP request reads: the best of the Accept-Language header's languages the
// server speaks, weighed by their q-values ("fr-CA" counts as French), else English.
import { LOCALES, type Locale } from '@factdesk/model';
import Negotiator from 'negotiator';

export function localeFromAcceptLanguage(header: string | string[] | undefined): Locale {
  if (!header) return 'en';
  const best = new Negotiator({ headers: { 'accept-language': header } }).language([...LOCALES]);
  return (LOCALES as readonly string[]).includes(best ?? '') ? (best as Locale) : 'en';
}
