// The annotated article keeps its structure in every format; URLs are shown with their host
// in Unicode where that is safe; the PDF lays right-to-left paragraphs out in visual order.
import type { ReportData } from '@factdesk/model';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { sampleReport } from './__fixtures__/sampleReport.ts';
import { extractPdfText } from './extractPdfText.test-helper.ts';
import { renderReport } from './index.ts';

const PUNYCODE = 'xn--zeitung-fr-alle-7vb.example';
const UNICODE = 'zeitung-für-alle.example';

async function asText(data: ReportData, format: 'html' | 'md' | 'csv' | 'json'): Promise<string> {
  const { body } = await renderReport(data, format);
  if (typeof body !== 'string') throw new Error(`${format} is not text`);
  return body;
}

async function asPdf(data: ReportData): Promise<Uint8Array> {
  const { body } = await renderReport(data, 'pdf');
  if (typeof body === 'string') throw new Error('pdf is text');
  return body;
}

/** Every text item of a PDF page with its left edge. */
async function pdfItems(bytes: Uint8Array, pageNumber: number) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const page = await pdf.getPage(pageNumber);
  const content = await page.getTextContent();
  const items = content.items.flatMap((item) =>
    'str' in item && item.str.trim() !== ''
      ? [
          {
            str: item.str,
            x: item.transform[4] as number,
            y: item.transform[5] as number,
            width: item.width,
          },
        ]
      : [],
  );
  const pageWidth = page.getViewport({ scale: 1 }).width;
  await pdf.destroy();
  return { items, pageWidth };
}

const data = () => sampleReport({ scope: 'all', articleText: true });

describe('annotated article structure', () => {
  it('HTML keeps headings, emphasis, quotes, lists, rules and links, highlights numbered', async () => {
    const html = await asText(data(), 'html');
    const article = html.slice(html.indexOf('<section class="article">'));
    expect(article).toContain('<h3 dir="auto">Budget claims under the microscope</h3>');
    expect(article).toContain('<p dir="auto">The <em>minister</em> said ');
    expect(article).toContain('<h4 dir="auto">Reactions</h4>');
    expect(article).toContain(
      '<blockquote dir="auto"><p dir="auto"><mark class="highlight" data-claims="3"><strong>Critics</strong></mark><mark class="highlight" data-claims="3"> disagreed</mark><sup class="claim-ref"><a href="#claim-3">3</a></sup>.</p>\n</blockquote>',
    );
    expect(article).toContain('<hr>');
    expect(article).toContain(
      `<ul><li dir="auto"><p dir="auto">Full text: <a href="https://${PUNYCODE}/haushalt" rel="noopener noreferrer" target="_blank" data-url="https://${UNICODE}/haushalt">the speech</a></p>`,
    );
    // A link whose text is its own URL shows the readable form; the href stays punycode.
    expect(article).toContain(
      `<a href="https://${PUNYCODE}/haushalt" rel="noopener noreferrer" target="_blank">https://${UNICODE}/haushalt</a>`,
    );
  });

  it('Markdown keeps the same structure, the highlight bracketed with its claim number', async () => {
    const md = await asText(data(), 'md');
    const article = md.slice(md.indexOf('## Article'));
    expect(article).toContain('### Budget claims under the microscope');
    expect(article).toContain('The *minister* said \\[unemployment fell by 40% last year\\]¹.');
    expect(article).toContain('> \\[**Critics** disagreed\\]³.');
    expect(article).toContain('\n---\n');
    expect(article).toContain(`- Full text: [the speech](<https://${PUNYCODE}/haushalt>)`);
    expect(article).toContain(`- [https://${UNICODE}/haushalt](<https://${PUNYCODE}/haushalt>)`);
  });

  it('PDF draws every block, the highlight numbered and a link followed by its readable host', async () => {
    const text = await extractPdfText(await asPdf(data()));
    const article = text.slice(text.indexOf('ANNOTATED ARTICLE'));
    expect(article).toContain('Budget claims under the microscope');
    expect(article).toMatch(/unemployment fell by 40% last year\s*\[1\]/);
    expect(article).toMatch(/the speech\s*\(zeitung-für-alle\.example\)/);
    expect(article).toContain(`https://${UNICODE}/haushalt`);
  });

  it('JSON carries the structure: blocks with containers, runs with marks and checked links', async () => {
    const json = JSON.parse(await asText(data(), 'json')) as ReportData;
    const blocks = json.article?.blocks ?? [];
    expect(blocks.map((b) => b.kind)).toContain('horizontalRule');
    expect(blocks.find((b) => b.containers[0]?.kind === 'blockquote')?.runs[0]?.marks).toEqual([
      'bold',
    ]);
    expect(blocks.at(-1)?.runs[0]?.href).toBe(`https://${PUNYCODE}/haushalt`);
  });
});

describe('URLs shown readable', () => {
  it('the source URL shows its host in Unicode in every format; links keep the punycode href', async () => {
    const html = await asText(data(), 'html');
    expect(html).toContain(
      `<dt>Source</dt><dd><a href="https://${PUNYCODE}/haushalt" rel="noopener noreferrer" target="_blank" dir="auto">https://${UNICODE}/haushalt</a>`,
    );
    const md = await asText(data(), 'md');
    expect(md).toContain(
      `**Source:** [https://${UNICODE}/haushalt](<https://${PUNYCODE}/haushalt>)`,
    );
    expect(md).not.toContain('https\\://');
    expect(await extractPdfText(await asPdf(data()))).toContain(
      `Source: https://${UNICODE}/haushalt`,
    );
  });

  it('a deceptive host stays punycode (Cyrillic а in "apple")', async () => {
    const sample = data();
    sample.document.sourceUrl = new URL('https://аpple.com/login').href;
    const md = await asText(sample, 'md');
    expect(md).toContain(
      '**Source:** [https://xn--pple-43d.com/login](<https://xn--pple-43d.com/login>)',
    );
    expect(await asText(sample, 'html')).toContain('>https://xn--pple-43d.com/login</a>');
  });

  it('an evidence link without a title shows its readable URL', async () => {
    const sample = data();
    const [first] = sample.claims;
    const evidence = first?.evidence[0];
    if (!evidence) throw new Error('fixture has no evidence');
    evidence.title = null;
    evidence.url = new URL('https://bücher.example/été').href;
    const html = await asText(sample, 'html');
    expect(html).toContain('>https://bücher.example/été</a>');
    expect(await asText(sample, 'csv')).toContain('https://bücher.example/été');
    expect(await asText(sample, 'md')).toContain(
      'refutes: [https://bücher.example/été](<https://xn--bcher-kva.example/%C3%A9t%C3%A9>)',
    );
  });
});

describe('quote context', () => {
  it('every readable format shows the context cut at word boundaries, with an ellipsis where cut', async () => {
    const sample = data();
    const [first] = sample.claims;
    if (!first) throw new Error('fixture has no claims');
    first.context = { before: '…Daesh ', after: ' et finance…' };
    expect(await asText(sample, 'md')).toContain(
      '> …Daesh **unemployment fell by 40% last year** et finance…',
    );
    expect(await asText(sample, 'html')).toContain(
      '<span class="context">…Daesh </span><mark>unemployment fell by 40% last year</mark><span class="context"> et finance…</span>',
    );
    expect(await extractPdfText(await asPdf(sample))).toContain(
      '…Daesh unemployment fell by 40% last year et finance…',
    );
  });
});

describe('PDF right-to-left text', () => {
  const ARABIC = 'قال الوزير إن البطالة انخفضت';
  const HEBREW = 'שר האוצר אמר כך';

  function rtlReport(): ReportData {
    const sample = data();
    const [first] = sample.claims;
    if (!first) throw new Error('fixture has no claims');
    first.statement = ARABIC;
    first.rationale = HEBREW;
    return sample;
  }

  it('an Arabic statement and a Hebrew rationale are right-aligned, their first word rightmost', async () => {
    const pdf = await asPdf(rtlReport());
    const { items, pageWidth } = await pdfItems(pdf, 1);
    const right = pageWidth - 56;
    for (const sentence of [ARABIC, HEBREW]) {
      const words = sentence.split(' ');
      const placed = words.map((word) => items.find((item) => item.str === word));
      for (const [index, item] of placed.entries()) {
        expect(item, `"${words[index]}" is drawn on its own`).toBeDefined();
      }
      const xs = placed.map((item) => item?.x ?? 0);
      // Logical order runs right to left on the page.
      expect([...xs].sort((a, b) => b - a)).toEqual(xs);
      const first = placed[0];
      expect(Math.abs((first?.x ?? 0) + (first?.width ?? 0) - right)).toBeLessThan(1);
      expect(new Set(placed.map((item) => item?.y)).size).toBe(1);
    }
  });

  it('an English word and a number inside an Arabic sentence keep their place and direction', async () => {
    const sample = data();
    const [first] = sample.claims;
    if (!first) throw new Error('fixture has no claims');
    first.statement = 'قال OECD إن 40% (تقريبا)';
    const { items } = await pdfItems(await asPdf(sample), 1);
    const x = (str: string) => items.find((item) => item.str === str)?.x ?? Number.NaN;
    // Right to left: قال, then OECD, then إن, then 40 and %, then the bracketed word. After
    // Arabic letters the digits are Arabic numbers (rule W2), so "%" does not join them and
    // lands on their left, as browsers show it too.
    expect(x('قال')).toBeGreaterThan(x('OECD'));
    expect(x('OECD')).toBeGreaterThan(x('إن'));
    expect(x('إن')).toBeGreaterThan(x('40'));
    expect(x('40')).toBeGreaterThan(x('%'));
    const bracketed = items.filter((item) => /تقريبا/.test(item.str));
    expect(bracketed.length).toBe(1);
    expect(x('%')).toBeGreaterThan(bracketed[0]?.x ?? Number.NaN);
  });

  it('a left-to-right paragraph stays left-aligned, its words in reading order', async () => {
    const text = await extractPdfText(await asPdf(data()));
    expect(text).toContain('Unemployment fell by 40% last year.');
  });
});
