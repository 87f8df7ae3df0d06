// Import fidelity: each input goes md/html/txt → article JSON → Yjs → back → exported, and
// the exported text is compared with what a reader of the original would expect.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleJSON } from './articleJSON.ts';
import { articlePlainText } from './articleJSON.ts';
import { articleText } from './articleText.ts';
import { articleToYUpdate, yDocToArticleJSON } from './articleYjs.ts';
import { articleToHtml, articleToMarkdown } from './exportArticle.ts';
import { type ImportFormat, importArticle } from './importArticle.ts';

/** Import, write to a fresh Y.Doc, read it back: what a client of the document would hold. */
function roundTrip(input: string, format: ImportFormat) {
  const imported = importArticle(input, format);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, articleToYUpdate(imported));
  const json = yDocToArticleJSON(doc);
  return {
    imported,
    json,
    doc,
    html: articleToHtml(json),
    markdown: articleToMarkdown(json),
    text: articleText(doc).text,
  };
}

function links(json: ArticleJSON): string[] {
  const found: string[] = [];
  const walk = (node: ArticleJSON) => {
    for (const mark of node.marks ?? []) {
      if (mark.type === 'link') found.push(String(mark.attrs?.href));
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(json);
  return found;
}

/** Text runs of the first paragraph with their marks, e.g. ['both', 'bold+italic']. */
function runs(json: ArticleJSON): string[][] {
  const paragraph = json.content?.[0];
  return (paragraph?.content ?? []).map((node) => [
    node.text ?? '',
    (node.marks ?? [])
      .map((mark) => mark.type)
      .sort()
      .join('+'),
  ]);
}

describe('importArticle', () => {
  it('keeps emphasis nested inside strong and strong nested inside emphasis', () => {
    // ProseMirror orders marks by schema (bold outside italic), so the HTML nesting may be
    // written differently; what must survive is which characters carry which marks.
    const expected = [
      ['bold ', 'bold'],
      ['both', 'bold+italic'],
      [' bold', 'bold'],
      [' and ', ''],
      ['it ', 'italic'],
      ['both', 'bold+italic'],
      [' it', 'italic'],
    ];
    const md = roundTrip('**bold _both_ bold** and _it **both** it_', 'md');
    expect(runs(md.json)).toEqual(expected);
    const html = roundTrip(
      '<p><b>bold <i>both</i> bold</b> and <em>it <strong>both</strong> it</em></p>',
      'html',
    );
    expect(runs(html.json)).toEqual(expected);
    // …and the exports read back to the same marks.
    expect(runs(roundTrip(md.markdown, 'md').json)).toEqual(expected);
    expect(runs(roundTrip(html.html, 'html').json)).toEqual(expected);
  });

  it('stores internationalised link hosts as punycode and keeps the Unicode link text', () => {
    const result = roundTrip(
      '<p><a href="https://bücher.example/straße?q=ü">bücher.example</a></p>',
      'html',
    );
    expect(links(result.json)).toEqual(['https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC']);
    expect(result.text).toBe('bücher.example');
    expect(result.html).toContain('rel="noopener noreferrer nofollow" target="_blank"');
    const md = roundTrip('See <https://пример.испытание/путь>.', 'md');
    expect(links(md.json)[0]).toMatch(/^https:\/\/xn--e1afmkfd\.xn--80akhbyknj4f\//);
    expect(md.text).toBe('See https://пример.испытание/путь.');
  });

  it('strips scripts, styles, event handlers and javascript:/data: links', () => {
    const hostile = [
      '<p onclick="steal()">Hello<script>alert(1)</script></p>',
      '<style>p{color:red}</style><p style="color:red">styled</p>',
      '<p><a href="javascript:alert(1)">js link</a> <a href="data:text/html,x">data link</a>',
      '<a href="JaVaScRiPt:alert(1)">mixed case</a> <a href="https://u:p@evil.example">creds</a>',
      '<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe></p>',
    ].join('');
    for (const format of ['html', 'md'] as const) {
      const result = roundTrip(hostile, format);
      expect(result.html).not.toMatch(
        /<script|<style|style=|onclick|onerror|javascript:|data:|<iframe|evil/i,
      );
      expect(links(result.json)).toEqual([]);
      expect(result.text).toContain('Hello');
      expect(result.text).toContain('js link data link');
      expect(result.text).not.toContain('alert');
    }
    const md = roundTrip('[click](javascript:alert(1)) and [ok](https://ok.example)', 'md');
    expect(links(md.json)).toEqual(['https://ok.example/']);
  });

  it('turns images into links whose text is the alt text, or "image"', () => {
    const md = roundTrip('![A chart of prices](https://img.example/chart.png)', 'md');
    expect(md.html).toBe(
      '<p><a href="https://img.example/chart.png" rel="noopener noreferrer nofollow" target="_blank">A chart of prices</a></p>',
    );
    const html = roundTrip('<p><img src="https://img.example/x.png"></p>', 'html');
    expect(html.text).toBe('image');
    expect(links(html.json)).toEqual(['https://img.example/x.png']);
  });

  it('keeps headings, block quotes, lists, horizontal rules and hard breaks', () => {
    const input = [
      '# Title',
      '###### Deep',
      '> A quoted post  ',
      '> on two lines',
      '',
      '- one',
      '- two',
      '  1. nested',
      '',
      '5. five',
      '6. six',
      '',
      '---',
      '',
      'after ~~struck~~ `code`',
    ].join('\n');
    const result = roundTrip(input, 'md');
    expect(result.html).toBe(
      '<h1>Title</h1><h6>Deep</h6><blockquote><p>A quoted post<br />on two lines</p></blockquote>' +
        '<ul><li><p>one</p></li><li><p>two</p><ol><li><p>nested</p></li></ol></li></ul>' +
        '<ol start="5"><li><p>five</p></li><li><p>six</p></li></ol><hr />' +
        '<p>after <s>struck</s> <code>code</code></p>',
    );
    expect(result.markdown).toBe(
      [
        '# Title',
        '',
        '###### Deep',
        '',
        '> A quoted post\\',
        '> on two lines',
        '',
        '* one',
        '* two',
        '  1. nested',
        '',
        '5. five',
        '6. six',
        '',
        '---',
        '',
        'after ~~struck~~ `code`',
      ].join('\n'),
    );
    expect(result.text).toBe(
      'Title\nDeep\nA quoted post\non two lines\none\ntwo\nnested\nfive\nsix\nafter struck code',
    );
  });

  it('keeps accents, mixed scripts and right-to-left text exactly', () => {
    const text =
      'Ça a coûté 3 € — naïve café\n\nΑθήνα, Москва, 東京, नमस्ते\n\nمرحبا بالعالم שלום עולם 👩🏽‍💻';
    const result = roundTrip(text, 'txt');
    expect(result.text).toBe(text.replace(/\n\n/g, '\n'));
    expect(roundTrip(`<p dir="rtl">مرحبا بالعالم</p>`, 'html').text).toBe('مرحبا بالعالم');
    expect(roundTrip('Ça **coûté** 東京', 'md').markdown).toBe('Ça **coûté** 東京');
  });

  it('reads plain text: a blank line starts a paragraph, a line break is a hard break', () => {
    const result = roundTrip(
      'First line\r\nsame paragraph\n\n\n  \nSecond <b>not bold</b>\n',
      'txt',
    );
    expect(result.html).toBe(
      '<p>First line<br />same paragraph</p><p>Second &lt;b&gt;not bold&lt;/b&gt;</p>',
    );
    expect(result.text).toBe('First line\nsame paragraph\nSecond <b>not bold</b>');
    expect(articlePlainText(result.imported)).toBe(result.text);
  });

  it('imports 2 MB of text', () => {
    const paragraph = `${'Lorem ipsum dolor sit amet, Müller ça 東京. '.repeat(20)}`;
    const input = Array.from(
      { length: Math.ceil((2 * 1024 * 1024) / paragraph.length) },
      () => paragraph,
    ).join('\n\n');
    // How long it takes is a benchmark's question (pnpm bench:hostile), not this test's.
    const result = roundTrip(input, 'txt');
    expect(result.text.length).toBe(input.length - (input.split('\n\n').length - 1));
    const md = importArticle(input.slice(0, 2 * 1024 * 1024), 'md');
    expect(md.content?.length).toBeGreaterThan(1000);
  }, 60_000);
});
