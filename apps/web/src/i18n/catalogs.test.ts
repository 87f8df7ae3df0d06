// The catalogs stay in step: the same ids in every language, every message valid ICU, and
// each translation asking for exactly the values its English original is given.

import { LOCALES } from '@factdesk/model';
import {
  isPluralElement,
  isSelectElement,
  isTagElement,
  type MessageFormatElement,
  parse,
  TYPE,
} from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { browserLocale, CATALOGS } from './catalogs.ts';

/** Every placeholder and tag a message uses, with its kind: "count:plural", "<link>". */
function placeholders(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (isTagElement(element)) {
      found.add(`<${element.value}>`);
      placeholders(element.children, found);
    } else if (isPluralElement(element) || isSelectElement(element)) {
      found.add(`${element.value}:${TYPE[element.type]}`);
      for (const option of Object.values(element.options)) placeholders(option.value, found);
    } else if (element.type !== TYPE.literal && element.type !== TYPE.pound) {
      found.add(`${element.value}:${TYPE[element.type]}`);
    }
  }
  return found;
}

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
    const failures = Object.entries(CATALOGS[locale]).flatMap(([id, message]) => {
      try {
        parse(message);
        return [];
      } catch (error) {
        return [`${id}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('every translation uses the same placeholders as the English message', () => {
    const mismatches = LOCALES.flatMap((locale) =>
      ids.flatMap((id) => {
        const want = [...placeholders(parse(english[id as keyof typeof english]))].sort();
        const got = [...placeholders(parse(CATALOGS[locale][id as keyof typeof english]))].sort();
        return JSON.stringify(want) === JSON.stringify(got)
          ? []
          : [`${locale} ${id}: ${got} ≠ ${want}`];
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('French uses the narrow no-break space French typography wants, never a plain one', () => {
    const plain = Object.entries(CATALOGS.fr).filter(([, message]) =>
      / [;?!:»]|« /.test(message.replace(/\{[^{}]*\}/g, '')),
    );
    expect(plain.map(([id]) => id)).toEqual([]);
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
