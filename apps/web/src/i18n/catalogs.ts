// The message catalogs, one per language, and how the first language is chosen. English is
// the reference: every id exists there, and the type below makes a missing French message
// (or a misspelt id anywhere in the app) a compile error.
import { LOCALES, type Locale } from '@factdesk/model';
import en from './messages/en.json';
import fr from './messages/fr.json';

export type MessageId = keyof typeof en;
export type Catalog = Record<MessageId, string>;

export const CATALOGS: Record<Locale, Catalog> = { en, fr };

/** How each language names itself in the language menu. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', fr: 'Français' };

/** The first of the browser's languages the app speaks ("fr-CA" → fr), else English. */
export function browserLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    const match = LOCALES.find((locale) => locale === primary);
    if (match) return match;
  }
  return 'en';
}

declare global {
  namespace FormatjsIntl {
    interface Message {
      ids: MessageId;
    }
  }
}
