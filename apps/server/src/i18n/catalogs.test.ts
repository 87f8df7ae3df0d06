// The server's catalogs keep the rules the web app's keep (same ids, ICU syntax, the same
// placeholders in every language, French spacing: @factdesk/model/catalogRules), and the code
// says only what they hold: every id it names exists, every message is said somewhere, and no
// error is thrown with a sentence written in place instead of a catalog message.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportLimitError } from '@factdesk/editor';
import { checkLinkUrl, LOCALES, WEB_PROTOCOLS } from '@factdesk/model';
import {
  frenchSpacingFaults,
  parseFailures,
  placeholderMismatches,
} from '@factdesk/model/catalogRules';
import { describe, expect, it } from 'vitest';
import { linkRefusal } from './linkRefusal.ts';
import { localeFromAcceptLanguage } from './requestLocale.ts';
import { CATALOGS, type MessageId, msg, translate } from './translate.ts';

const english = CATALOGS.en;
const ids = Object.keys(english).sort();
const options = { ignoreTag: true };

const srcDir = join(import.meta.dirname, '..');
const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => ({ file, text: readFileSync(join(srcDir, file), 'utf8') }));

/** The ids the code names: msg('…')/translate(…, '…'), NotFoundError('Thing'), claim verbs. */
function idsNamedIn(text: string): string[] {
  const patterns: [RegExp, (name: string) => string][] = [
    [/\bmsg\(\s*'([^']+)'/g, (id) => id],
    [/\btranslate\(\s*\w+,\s*'([^']+)'/g, (id) => id],
    // An id handed over before it is said (guardLastOwner's `what`).
    [/'((?:errors|validation|email)\.[\w.]*\w)'/g, (id) => id],
    [/new NotFoundError\(\s*'([^']+)'/g, (thing) => `errors.notFound.${thing}`],
    [/\bnotFound: '([^']+)'/g, (thing) => `errors.notFound.${thing}`],
    [/\bverb: '([^']+)'/g, (verb) => `claimVerb.${verb}`],
  ];
  return patterns.flatMap(([pattern, toId]) =>
    [...text.matchAll(pattern)].map((match) => toId(match[1] ?? '')),
  );
}

describe('server message catalogs', () => {
  it.each(LOCALES.filter((locale) => locale !== 'en'))(
    '%s has exactly the English ids',
    (locale) => {
      expect(Object.keys(CATALOGS[locale]).sort()).toEqual(ids);
    },
  );

  it.each(LOCALES)('every %s message parses as ICU MessageFormat', (locale) => {
    expect(parseFailures(CATALOGS[locale], options)).toEqual([]);
  });

  it('every translation uses the same placeholders as the English message', () => {
    const mismatches = LOCALES.flatMap((locale) =>
      placeholderMismatches(english, CATALOGS[locale], options).map((p) => `${locale} ${p}`),
    );
    expect(mismatches).toEqual([]);
  });

  it('French uses the narrow no-break space French typography wants, never a plain one', () => {
    expect(frenchSpacingFaults(CATALOGS.fr)).toEqual([]);
  });

  it('every message id the server code names is in the catalogs', () => {
    const unknown = sources.flatMap(({ file, text }) =>
      idsNamedIn(text)
        .filter((id) => !(id in english))
        .map((id) => `${file}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it('every message in the catalogs is said somewhere in the server code', () => {
    const named = new Set(sources.flatMap(({ text }) => idsNamedIn(text)));
    expect(ids.filter((id) => !named.has(id))).toEqual([]);
  });

  it('no error is thrown with a sentence written in place of a catalog message', () => {
    const inPlace =
      /new (?:BadRequest|Forbidden|Conflict|Gone|RateLimited|Unauthenticated|Upstream|Busy|ClaimConflict)Error\(\s*['"`]|new (?:AppError|LimitExceededError)\(\s*\d+,\s*'[^']*',\s*['"`]/g;
    // The command line is an administrator's tool that speaks English (no Accept-Language).
    const found = sources
      .filter(({ file }) => !file.startsWith('cli/'))
      .flatMap(({ file, text }) => [...text.matchAll(inPlace)].map(() => file));
    expect(found).toEqual([]);
  });
});

describe('translate', () => {
  it('formats a message in each language, with its values', () => {
    expect(translate('en', 'errors.notFound.Claim')).toBe('Claim was not found.');
    expect(translate('fr', 'errors.notFound.Claim')).toBe('L’affirmation est introuvable.');
    expect(translate('en', 'errors.tooManyLogins', { seconds: 1 })).toBe(
      'Too many login attempts. Try again in 1 second.',
    );
    expect(translate('fr', 'errors.tooManyLoginsMinutes', { minutes: 3 })).toBe(
      'Trop de tentatives de connexion. Réessayez dans 3 minutes.',
    );
  });

  it('translates a message given as a value in the same language', () => {
    const values = { verb: msg('claimVerb.approve'), status: 'in_review' };
    expect(translate('en', 'errors.claimStatus', values)).toBe(
      'cannot approve: claim is in_review',
    );
    expect(translate('fr', 'errors.claimStatus', values)).toBe(
      'Approbation impossible\u00a0: l’affirmation est en vérification',
    );
  });

  it('keeps "<number>" as text: server messages hold no markup', () => {
    expect(translate('en', 'errors.factCheckUrlFragment')).toContain('(#claim-<number>)');
  });

  it('falls back to English for a language it does not speak', () => {
    const id: MessageId = 'errors.forbidden';
    expect(translate('de' as 'en', id)).toBe('Your role does not allow this.');
  });
});

describe('localeFromAcceptLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['fr', 'fr'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['fr-CA', 'fr'],
    ['en-GB,fr;q=0.5', 'en'],
    ['de-DE,fr;q=0.7,en;q=0.3', 'fr'],
    ['en;q=0.2,fr;q=0.9', 'fr'],
    ['de-DE', 'en'],
    ['*', 'en'],
    ['fr;q=0', 'en'],
  ])('%j → %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});

describe('linkRefusal', () => {
  it.each([
    [''],
    ['https://exa\u0007mple.org'],
    ['https:\\\\example.org'],
    ['https://example.org/a b'],
    ['not a url'],
    ['ftp://example.org'],
    ['javascript:alert(1)'],
    ['https://user:pw@example.org'],
    ['mailto:'],
    ['file:///etc/passwd'],
  ])('words %j in English exactly as the shared rule does', (input) => {
    for (const protocols of [undefined, WEB_PROTOCOLS]) {
      const checked = checkLinkUrl(input, 'url', protocols);
      if (checked.ok) throw new Error(`${input} passed`);
      const { id, values } = linkRefusal(checked, 'url');
      expect(translate('en', id, values)).toBe(checked.problem);
      expect(translate('fr', id, values)).toMatch(/^url /);
    }
  });
});

describe('import limits', () => {
  it.each(['depth', 'nodes'] as const)(
    'the %s refusal reads in English as the editor says it',
    (limit) => {
      const id = limit === 'depth' ? 'errors.importTooDeep' : 'errors.importTooManyNodes';
      expect(translate('en', id, { value: 12 })).toBe(new ImportLimitError(limit, 12).message);
    },
  );
});
