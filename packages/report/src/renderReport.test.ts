// Every format on a fixed document (golden files), validated against its schema or parsed back.
import { readFileSync } from 'node:fs';
import { ReportData } from '@factdesk/model';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sampleReport } from './__fixtures__/sampleReport.ts';
import { extractPdfText } from './extractPdfText.test-helper.ts';
import { CSV_COLUMNS, REPORT_FORMATS, renderReport, reportFilename } from './index.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schemaDir = new URL('../schemas/', import.meta.url);
const readSchema = (name: string) => JSON.parse(readFileSync(new URL(name, schemaDir), 'utf8'));

function ajv(): Ajv2020 {
  return addFormats(new Ajv2020({ allErrors: true, strict: false }));
}

async function asText(data: ReportData, format: (typeof REPORT_FORMATS)[number]): Promise<string> {
  const { body } = await renderReport(data, format);
  if (typeof body !== 'string') throw new Error(`${format} is not text`);
  return body;
}

describe('golden files on a small fixed document', () => {
  for (const format of REPORT_FORMATS) {
    it(`${format} output matches its golden file`, async () => {
      const data = sampleReport({ scope: 'all', articleText: true });
      const rendered = await renderReport(data, format);
      const text =
        typeof rendered.body === 'string' ? rendered.body : await extractPdfText(rendered.body);
      await expect(text).toMatchFileSnapshot(
        `./__golden__/report.${format === 'pdf' ? 'pdf.txt' : rendered.extension}.golden`,
      );
    });
  }
});

describe('scope and options', () => {
  it('an approved-only report leaves out claims still in review', async () => {
    const md = await asText(sampleReport(), 'md');
    expect(md).toContain('Claim 1');
    expect(md).toContain('Claim 2');
    expect(md).not.toContain('Claim 3');
  });

  it('a report without evidence shows no evidence links', async () => {
    const html = await asText(sampleReport({ evidence: false }), 'html');
    expect(html).not.toContain('Labour market overview');
    const json = JSON.parse(await asText(sampleReport({ evidence: false }), 'json'));
    expect(json.claims[0].evidence).toEqual([]);
  });

  it('the annotated article appears only when asked for, highlights linked to claims', async () => {
    expect(await asText(sampleReport(), 'html')).not.toContain('Annotated article');
    const html = await asText(sampleReport({ articleText: true, scope: 'all' }), 'html');
    expect(html).toContain(
      '<a class="highlight" href="#claim-1"><mark>unemployment fell by 40% last year</mark>',
    );
    expect(html).toContain('href="#claim-3"');
  });

  it('orphaned claims are flagged with their original quote', async () => {
    const html = await asText(sampleReport(), 'html');
    const section = html.slice(html.indexOf('id="claim-2"'));
    expect(section).toContain('Orphaned');
    expect(section).toContain('every school now has a nurse');
  });
});

describe('JSON', () => {
  it('the committed JSON Schema is the TypeBox schema', () => {
    const { $schema: _ignored, ...committed } = readSchema('report.schema.json');
    expect(committed).toEqual(JSON.parse(JSON.stringify(ReportData)));
  });

  it('the JSON export carries a version and is valid against the JSON Schema', async () => {
    const validate = ajv().compile(readSchema('report.schema.json'));
    for (const options of [{}, { scope: 'all' as const, articleText: true }]) {
      const json = JSON.parse(await asText(sampleReport(options), 'json'));
      expect(json.version).toBe(1);
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    }
    const broken = JSON.parse(await asText(sampleReport(), 'json'));
    broken.claims[0].status = 'done';
    expect(validate(broken)).toBe(false);
  });
});

describe('ClaimReview', () => {
  it('one valid ClaimReview per approved claim, rating within best and worst', async () => {
    const validate = ajv().compile(readSchema('claimreview.schema.json'));
    const reviews = JSON.parse(await asText(sampleReport({ scope: 'all' }), 'claimreview'));
    expect(validate(reviews), JSON.stringify(validate.errors)).toBe(true);
    expect(reviews).toHaveLength(2);
    const [falseClaim, unverifiable] = reviews;
    expect(falseClaim.url).toBe('https://factdesk-news.example.org/reports/budget-2026#claim-1');
    expect(falseClaim.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
      alternateName: 'False',
    });
    expect(falseClaim.itemReviewed.author).toEqual({ '@type': 'Person', name: 'Jane Minister' });
    expect(falseClaim.itemReviewed.appearance.url).toBe('https://daily.example.com/budget-speech');
    expect(unverifiable.reviewRating).not.toHaveProperty('ratingValue');
    expect(unverifiable.reviewRating.alternateName).toBe('Unverifiable');
    expect(unverifiable.itemReviewed.author['@type']).toBe('Organization');
    for (const review of reviews) {
      const { ratingValue, bestRating, worstRating } = review.reviewRating;
      if (ratingValue !== undefined) {
        expect(ratingValue).toBeGreaterThanOrEqual(worstRating);
        expect(ratingValue).toBeLessThanOrEqual(bestRating);
      }
    }
  });

  it('the schema rejects a review without a rating or with a non-http url', () => {
    const validate = ajv().compile(readSchema('claimreview.schema.json'));
    const review = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'javascript:alert(1)',
      claimReviewed: 'x',
      author: { '@type': 'Organization', name: 'Desk' },
      datePublished: '2026-11-21',
      itemReviewed: { '@type': 'Claim', appearance: { '@type': 'CreativeWork' } },
    };
    expect(validate([review])).toBe(false);
  });

  it('the HTML embeds the same ClaimReviews as its only script element', async () => {
    const html = await asText(sampleReport(), 'html');
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.[0]).toMatch(/^<script type="application\/ld\+json">/);
    const embedded = JSON.parse(scripts[0]?.[1] ?? '');
    expect(embedded).toEqual(JSON.parse(await asText(sampleReport(), 'claimreview')));
  });
});

describe('CSV', () => {
  it('parses back, one row per claim, with the same values', async () => {
    const csv = await asText(sampleReport({ scope: 'all' }), 'csv');
    expect(csv).toContain('\r\n');
    const rows: Record<string, string>[] = parse(csv, { columns: true, bom: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows.map((row) => row.number)).toEqual(['1', '2', '3']);
    expect(rows[0]?.statement).toBe('Unemployment fell by 40% last year.');
    expect(rows[0]?.rating_value).toBe('1');
    expect(rows[0]?.rationale).toBe(sampleReport().claims[0]?.rationale);
    expect(rows[1]?.orphaned).toBe('yes');
    expect(rows[1]?.rating_value).toBe('');
  });
});

describe('PDF', () => {
  it('has selectable text with accents, the summary and every claim', async () => {
    const data = sampleReport({ scope: 'all' });
    data.claims[0] = {
      ...(data.claims[0] as ReportData['claims'][number]),
      statement: 'Le chômage a baissé — Ελλάδα, Україна',
    };
    const { body, contentType } = await renderReport(data, 'pdf');
    expect(contentType).toBe('application/pdf');
    if (typeof body === 'string') throw new Error('pdf body is text');
    expect(new TextDecoder().decode(body.slice(0, 5))).toBe('%PDF-');
    const text = await extractPdfText(body);
    expect(text).toContain('Le chômage a baissé — Ελλάδα, Україна');
    expect(text).toContain('Claims by verdict');
    expect(text).toContain('Claims by status');
    expect(text).toContain('Every school now has a nurse.');
    expect(text).toContain('Critics disagreed.');
  });
});

describe('reportFilename', () => {
  it('keeps safe characters only and is never empty', () => {
    expect(reportFilename('Budget speech, 2026 – “Growth for all”', 'pdf')).toBe(
      'budget-speech-2026-growth-for-all-fact-check.pdf',
    );
    expect(reportFilename('Économie: déjà vu', 'md')).toBe('economie-deja-vu-fact-check.md');
    expect(reportFilename('"; rm -rf / \r\n', 'csv')).toBe('rm-rf-fact-check.csv');
    expect(reportFilename('قال الوزير', 'claimreview')).toBe('report-fact-check.jsonld');
    expect(reportFilename('', 'html')).toMatch(/^[a-z0-9.-]+$/);
  });
});
