// Property: hostile strings imported as Markdown, HTML or text never crash the importer and
// never leave a link or attribute that the sync server's checks would refuse — the import and
// the socket hold the article to one set of rules.
import { safeHref } from '@factdesk/model';
import { hostileString } from '@factdesk/model/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkArticleAttribute, checkArticleMarkAttributes } from './articleAttributes.ts';
import type { ArticleJSON } from './articleJSON.ts';
import { ImportLimitError } from './ImportLimitError.ts';
import { importArticle } from './importArticle.ts';

function* walk(node: ArticleJSON): Generator<ArticleJSON> {
  yield node;
  for (const child of node.content ?? []) yield* walk(child);
}

const markup = fc
  .array(
    fc.oneof(
      hostileString(),
      fc.constantFrom(
        '<a href="',
        '">',
        '</a>',
        '<h7>',
        '<ol start="x">',
        '<li>',
        '<p onclick="alert(1)">',
        '[t](',
        ')',
        '<',
        '>',
        '\n\n',
      ),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

describe('import, hostile input', () => {
  it('keeps only links and attributes the live-update checks accept', () => {
    fc.assert(
      fc.property(markup, fc.constantFrom('md', 'html', 'txt' as const), (input, format) => {
        let article: ArticleJSON;
        try {
          article = importArticle(input, format);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportLimitError);
          return;
        }
        for (const node of walk(article)) {
          for (const [key, value] of Object.entries(node.attrs ?? {})) {
            if (value === null) continue;
            expect(checkArticleAttribute(node.type, key, value), `${node.type}.${key}`).toBeNull();
          }
          for (const mark of node.marks ?? []) {
            expect(checkArticleMarkAttributes(mark.type, mark.attrs ?? {})).toBeNull();
            if (mark.type === 'link') expect(safeHref(String(mark.attrs?.href))).not.toBeNull();
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
