// The rules every message catalog keeps (the web app's and the server's, docs/i18n.md), written
// once for both catalog tests: each message parses as ICU MessageFormat, a translation asks for
// exactly the values its English original is given, and French has its typography's spaces.
// Test-only (exported as @factdesk/model/catalogRules); the parser is a dev dependency.
import {
  isPluralElement,
  isSelectElement,
  isTagElement,
  type MessageFormatElement,
  parse,
  TYPE,
} from '@formatjs/icu-messageformat-parser';

export type Catalog = Readonly<Record<string, string>>;

/** ignoreTag: the catalog's messages hold no markup, so "<" is plain text (the server's). */
export interface CatalogOptions {
  ignoreTag?: boolean;
}

/** Every placeholder and tag a message uses, with its kind: "count:plural", "<link>". */
export function placeholders(message: string, options: CatalogOptions = {}): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (isTagElement(element)) {
        found.add(`<${element.value}>`);
        walk(element.children);
      } else if (isPluralElement(element) || isSelectElement(element)) {
        found.add(`${element.value}:${TYPE[element.type]}`);
        for (const option of Object.values(element.options)) walk(option.value);
      } else if (element.type !== TYPE.literal && element.type !== TYPE.pound) {
        found.add(`${element.value}:${TYPE[element.type]}`);
      }
    }
  };
  walk(parse(message, options));
  return [...found].sort();
}

/** "id: why" for each message that is not valid ICU MessageFormat. */
export function parseFailures(catalog: Catalog, options: CatalogOptions = {}): string[] {
  return Object.entries(catalog).flatMap(([id, message]) => {
    try {
      parse(message, options);
      return [];
    } catch (error) {
      return [`${id}: ${(error as Error).message}`];
    }
  });
}

/** "id: got ≠ want" for each translation whose placeholders differ from the reference's. */
export function placeholderMismatches(
  reference: Catalog,
  translation: Catalog,
  options: CatalogOptions = {},
): string[] {
  return Object.keys(reference).flatMap((id) => {
    const want = placeholders(reference[id] ?? '', options).join(',');
    const got = placeholders(translation[id] ?? '', options).join(',');
    return want === got ? [] : [`${id}: ${got} ≠ ${want}`];
  });
}

/**
 * The ids of French messages with a plain space before ; : ! ? » or after «: French wants a
 * narrow no-break space (U+202F), or a no-break space (U+00A0) before the colon. Text inside
 * placeholders ({status, select, …}) is left out: those are not French words.
 */
export function frenchSpacingFaults(catalog: Catalog): string[] {
  return Object.entries(catalog)
    .filter(([, message]) => / [;?!:»]|« /.test(message.replace(/\{[^{}]*\}/g, '')))
    .map(([id]) => id);
}
