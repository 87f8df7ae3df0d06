// The languages the interface speaks. Written once; the server's check and the web app's
// catalogs both follow this list.
import { type Static, Type } from 'typebox';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const LocaleSchema = Type.Enum(LOCALES, {
  description: 'Interface language: en (English) or fr (French)',
});

export const ChangeLocaleBody = Type.Object(
  { locale: LocaleSchema },
  { additionalProperties: false },
);
export type ChangeLocaleBody = Static<typeof ChangeLocaleBody>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
