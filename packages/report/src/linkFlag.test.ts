// Every format flags an evidence link the checker found dead or moved, the moved one with where
// it answers now; a link that works carries no flag.
import type { ReportData } from '@factdesk/model';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sampleReport } from './__fixtures__/sampleReport.ts';
import { extractPdfText } from './extractPdfText.test-helper.ts';
import { renderReport } from './index.ts';

function withFlaggedLinks(): ReportData {
  const data = sampleReport({ scope: 'all' });
  const claim = data.claims[0]!;
  const base = claim.evidence[0]!;
  claim.evidence = [
    {
      ...base,
      url: 'https://stats.example.org/gone',
      title: 'Gone survey',
      link: {
        state: 'dead',
        finalUrl: null,
        httpStatus: 410,
        checkedAt: '2026-12-01T08:00:00.000Z',
      },
    },
    {
      ...base,
      url: 'https://stats.example.org/old',
      title: 'Old address',
      link: {
        state: 'moved',
        finalUrl: 'https://stats.example.org/new-home',
        httpStatus: 200,
        checkedAt: '2026-12-02T08:00:00.000Z',
      },
    },
    { ...base, url: 'https://stats.example.org/fine', title: 'Fine page', link: null },
  ];
  return data;
}

async function text(format: 'html' | 'md' | 'csv' | 'json' | 'pdf'): Promise<string> {
  const { body } = await renderReport(withFlaggedLinks(), format);
  return typeof body === 'string' ? body : (await extractPdfText(body)).replace(/\s+/g, ' ');
}

describe('dead and moved evidence links in reports', () => {
  it('HTML says which link is dead and where a moved one is now', async () => {
    const html = await text('html');
    expect(html).toContain('<strong>Dead link</strong> (answered 410, checked 2026-12-01)');
    expect(html).toMatch(
      /<strong>Moved<\/strong> — now at <a href="https:\/\/stats\.example\.org\/new-home"[^>]*>https:\/\/stats\.example\.org\/new-home<\/a> \(checked 2026-12-02\)/,
    );
    expect(html.match(/class="link-flag/g)).toHaveLength(2);
  });

  it('Markdown flags them the same way', async () => {
    const md = await text('md');
    expect(md).toContain('**Dead link** (answered 410, checked 2026-12-01)');
    expect(md).toContain(
      '**Moved** — now at [https://stats.example.org/new-home](<https://stats.example.org/new-home>) (checked 2026-12-02)',
    );
    expect(md).not.toMatch(/Fine page\)[^\n]*\*\*(Dead link|Moved)/);
  });

  it('CSV flags them beside each link of the claim', async () => {
    const rows = parse(await text('csv'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows[0]?.evidence_urls).toBe(
      'https://stats.example.org/gone [Dead link] https://stats.example.org/old [Moved to https://stats.example.org/new-home] https://stats.example.org/fine',
    );
  });

  it('JSON carries the state, the final address and when it was checked', async () => {
    const json = JSON.parse(await text('json'));
    expect(json.claims[0].evidence.map((e: { link: unknown }) => e.link)).toEqual([
      { state: 'dead', finalUrl: null, httpStatus: 410, checkedAt: '2026-12-01T08:00:00.000Z' },
      {
        state: 'moved',
        finalUrl: 'https://stats.example.org/new-home',
        httpStatus: 200,
        checkedAt: '2026-12-02T08:00:00.000Z',
      },
      null,
    ]);
  });

  it('PDF prints the flags', async () => {
    const pdf = await text('pdf');
    expect(pdf).toContain('Dead link (answered 410, checked 2026-12-01)');
    expect(pdf).toContain('Moved — now at https://stats.example.org/new-home (checked 2026-12-02)');
  });
});
