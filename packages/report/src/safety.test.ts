// Hostile user text through every format: no markup, script, link or formula gets through.
import { parse } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { HOSTILE, hostileReport } from './__fixtures__/sampleReport.ts';
import { extractPdfText } from './extractPdfText.test-helper.ts';
import { type ReportFormat, renderReport } from './index.ts';

async function text(format: ReportFormat): Promise<string> {
  const { body } = await renderReport(hostileReport(), format);
  if (typeof body !== 'string') throw new Error(`${format} is not text`);
  return body;
}

describe('hostile input', () => {
  it('HTML: no injected element, attribute or link; one data script that cannot be closed', async () => {
    const html = await text('html');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    // Escaped payloads stay visible as text; no real tag may carry an event handler.
    for (const tag of html.matchAll(/<[a-z][^>]*>/gi)) expect(tag[0]).not.toMatch(/\son\w+=/i);
    expect(html).not.toMatch(/(href|src)="\s*javascript:/i);
    expect(html.match(/<script\b/gi)).toHaveLength(1);
    const block = html.slice(html.indexOf('<script type="application/ld+json">'));
    const content = block.slice(block.indexOf('>') + 1, block.indexOf('</script>'));
    expect(content).not.toContain('<');
    // The escaped payload is still there as data.
    expect(JSON.parse(content)[0].author.name).toBe(hostileReport().workspace.name);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const match of html.matchAll(/<a\b[^>]*>/g)) {
      const tag = match[0];
      if (tag.includes('href="#')) continue;
      expect(tag).toMatch(/href="https?:\/\//);
      expect(tag).toContain('rel="noopener noreferrer"');
    }
  });

  it('HTML: mixed-direction text is isolated with dir="auto"', async () => {
    const html = await text('html');
    expect(html).toContain(`<bdi dir="auto">${HOSTILE.rtl}</bdi>`);
    expect(html).toMatch(/<h1 dir="auto">[^<]*قال الوزير/);
  });

  it('Markdown: rendered by markdown-it (html on), no tag, script or javascript link', async () => {
    const md = await text('md');
    const rendered = new MarkdownIt({ html: true, linkify: true }).render(md);
    expect(rendered).not.toContain('<script');
    expect(rendered).not.toContain('<img');
    expect(rendered).not.toMatch(/href="javascript/i);
    expect(md).toContain(HOSTILE.rtl.replace(/&/g, '\\&'));
  });

  it('Markdown: text ending in "!" before a link never turns that link into an image', async () => {
    // Found by the property test: the rationale "!https://ok.example/a" became ![…](…).
    const report = hostileReport();
    const claim = report.claims[0];
    if (!claim) throw new Error('no claim');
    claim.rationale = '!https://ok.example/a';
    const { body } = await renderReport(report, 'md');
    const rendered = new MarkdownIt({ html: true, linkify: true }).render(String(body));
    expect(rendered).not.toContain('<img');
    expect(rendered).toContain('<a href="https://ok.example/a">');
  });

  it('CSV: formula cells are prefixed with a quote and the rest reads back unchanged', async () => {
    const csv = await text('csv');
    // A byte-order mark first, so Excel reads the file as UTF-8.
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows: Record<string, string>[] = parse(csv, { columns: true, bom: true });
    const cells = rows.flatMap((row) => Object.values(row));
    // Whatever could start a formula (after spaces or quotes) is behind a leading '; plain
    // numbers (a rating of -1) are data and stay as they are.
    for (const cell of cells.filter((cell) => !/^-?\d+(\.\d+)?$/.test(cell))) {
      if (/^[\s"']*[=+\-@\t\r]/.test(cell)) expect(cell.startsWith("'"), cell).toBe(true);
    }
    expect(rows[0]?.statement).toBe(`'${HOSTILE.formulas[0]}`);
    expect(rows[0]?.approver).toBe(`'${HOSTILE.formulas[2]}`);
    expect(rows[1]?.statement).toBe(`'${HOSTILE.formulas[1]}`);
    expect(rows[2]?.statement).toBe(`'${HOSTILE.formulas[2]}`);
    expect(rows[1]?.rationale).toBe(`'${HOSTILE.formulas[4]}`);
    expect(rows[0]?.claimant).toBe(HOSTILE.rtl);
    expect(rows[0]?.quote).toBe(HOSTILE.script);
  });

  it('JSON and ClaimReview keep the text as data and carry no javascript: URL as a link', async () => {
    const json = JSON.parse(await text('json'));
    expect(json.document.title).toBe(hostileReport().document.title);
    const reviews = JSON.parse(await text('claimreview'));
    const appearance = reviews[0].itemReviewed.appearance;
    expect(appearance).not.toHaveProperty('url');
    expect(JSON.stringify(reviews)).not.toMatch(/"url":"javascript/i);
    expect(reviews[0].itemReviewed.author.name).toBe(HOSTILE.rtl);
  });

  it('PDF: hostile text is printed as text, RTL text included, with no javascript link', async () => {
    const { body } = await renderReport(hostileReport(), 'pdf');
    if (typeof body === 'string') throw new Error('pdf body is text');
    const extracted = await extractPdfText(body);
    expect(extracted).toContain('<script>alert(1)</script>');
    expect(extracted).toContain('=HYPERLINK');
    expect(extracted).toMatch(/[\u0600-\u06ff]/);
    expect(extracted).toMatch(/[\u0590-\u05ff]/);
    expect(Buffer.from(body).toString('latin1')).not.toMatch(/\/URI\s*\(javascript/i);
  });
});
