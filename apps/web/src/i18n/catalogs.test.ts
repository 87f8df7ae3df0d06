// The catalogs stay in step: the same ids in every language, every message valid ICU, and
// each translation asking for exactly the values its English original is given.

import { LOCALES } from '@factdesk/model';
import {
  frenchSpacingFaults,
  parseFailures,
  placeholderMismatches,
} from '@factdesk/model/catalogRules';
import { describe, expect, it } from 'vitest';
import { browserLocale, CATALOGS } from './catalogs.ts';

const english = CATALOGS.en;
const ids = Object.keys(english).sort();

describe('message catalogs', () => {
  it.each(LOCALES.filter((locale) => locale !== 'en'))(
    '%s has exactly the English ids',
    (locale) => {
      expect(Object.keys(CATALOGS[locale]).sort()).toEqual(ids);
    },
  );

  it.each(LOCALES)('every %s message parses as ICU MessageFormat', (locale) => {
    expect(parseFailures(CATALOGS[locale])).toEqual([]);
  });

  it('every translation uses the same placeholders as the English message', () => {
    const mismatches = LOCALES.flatMap((locale) =>
      placeholderMismatches(english, CATALOGS[locale]).map((problem) => `${locale} ${problem}`),
    );
    expect(mismatches).toEqual([]);
  });

  it('French uses the narrow no-break space French typography wants, never a plain one', () => {
    expect(frenchSpacingFaults(CATALOGS.fr)).toEqual([]);
  });
});

describe('browserLocale', () => {
  it.each([
    [['fr-FR', 'en-US'], 'fr'],
    [['fr-CA'], 'fr'],
    [['de-DE', 'fr'], 'fr'],
    [['en-GB', 'fr-FR'], 'en'],
    [['de-DE', 'es'], 'en'],
    [[], 'en'],
  ])('%j → %s', (languages, locale) => {
    expect(browserLocale(languages)).toBe(locale);
  });
});
