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
      '<mark class="highlight" data-claims="1">unemployment fell by 40% last year</mark><sup class="claim-ref"><a href="#claim-1">1</a></sup>',
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

describe('four-eyes mark', () => {
  it('a verdict approved by its proposer under an owner override is marked in every readable format', async () => {
    const sample = sampleReport();
    const [first, ...rest] = sample.claims as [ReportData['claims'][number]];
    const data = {
      ...sample,
      claims: [{ ...first, selfApproved: true, fourEyesOverride: true }, ...rest],
    };
    const mark = "Mo Moderator (who proposed it; an owner's override of the four-eyes rule)";
    expect(await asText(data, 'md')).toContain(mark);
    expect(await asText(data, 'html')).toContain(
      'Mo Moderator (who proposed it; an owner&#39;s override',
    );
    const pdf = await renderReport(data, 'pdf');
    if (typeof pdf.body === 'string') throw new Error('pdf body is text');
    expect((await extractPdfText(pdf.body)).replace(/\s+/g, ' ')).toContain('four-eyes rule');
    expect(JSON.parse(await asText(data, 'json')).claims[0].fourEyesOverride).toBe(true);
    expect(await asText(sample, 'md')).not.toContain('who proposed it');
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
  const validateReviews = () => ajv().compile(readSchema('claimreview.schema.json'));

  it('one valid ClaimReview per approved claim, with every field the fact-check markup asks for', async () => {
    const validate = validateReviews();
    const reviews = JSON.parse(await asText(sampleReport({ scope: 'all' }), 'claimreview'));
    expect(validate(reviews), JSON.stringify(validate.errors)).toBe(true);
    expect(reviews).toHaveLength(2);
    const [falseClaim, unverifiable] = reviews;
    expect(falseClaim).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://factdesk-news.example.org/reports/budget-2026#claim-1',
      claimReviewed: 'Unemployment fell by 40% last year.',
      datePublished: '2026-11-21',
      author: {
        '@type': 'Organization',
        name: 'Politics desk',
        url: 'https://factdesk-news.example.org/',
        logo: 'https://factdesk-news.example.org/logo.png',
      },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 1,
        bestRating: 5,
        worstRating: 1,
        alternateName: 'False',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Jane Minister' },
        datePublished: '2026-11-18',
        appearance: {
          '@type': 'CreativeWork',
          headline: 'Budget speech, 2026 – “Growth for all”',
          url: 'https://xn--zeitung-fr-alle-7vb.example/haushalt',
          datePublished: '2026-11-18',
          publisher: { '@type': 'Organization', name: 'Daily Example' },
          version:
            '5b0f3d2e-8c1a-4f6b-9d7e-2a4c6e8f0b1d; sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        },
      },
      inLanguage: 'en',
    });
    // A verdict off the true–false line carries its label only: no rating of 0 or of the bounds.
    expect(unverifiable.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Unverifiable' });
    expect(unverifiable.url).toBe('https://factdesk-news.example.org/reports/budget-2026#claim-2');
    expect(unverifiable.itemReviewed.author['@type']).toBe('Organization');
  });

  it('every numeric rating lies between the worst and best rating it carries', async () => {
    const sample = sampleReport();
    const [first, ...rest] = sample.claims as [ReportData['claims'][number]];
    // Frozen on a 0–10 scale at approval: the bounds travel with the rating.
    const data = {
      ...sample,
      claims: [
        {
          ...first,
          verdict: {
            key: 'false',
            label: 'Pants on fire',
            ratingValue: 0,
            bestRating: 10,
            worstRating: 0,
          },
        },
        ...rest,
      ],
    };
    const reviews = JSON.parse(await asText(data, 'claimreview'));
    expect(reviews[0].reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 0,
      bestRating: 10,
      worstRating: 0,
      alternateName: 'Pants on fire',
    });
    for (const review of reviews) {
      const { ratingValue, bestRating, worstRating } = review.reviewRating;
      if (ratingValue === undefined) continue;
      expect(ratingValue).toBeGreaterThanOrEqual(Math.min(worstRating, bestRating));
      expect(ratingValue).toBeLessThanOrEqual(Math.max(worstRating, bestRating));
    }
  });

  it('without a published fact-check URL no ClaimReview is made (it would be invalid)', async () => {
    const data = { ...sampleReport(), reportUrl: null };
    expect(JSON.parse(await asText(data, 'claimreview'))).toEqual([]);
  });

  it('the organisation falls back to the site the fact-check is published on', async () => {
    const data = sampleReport();
    data.workspace = { name: 'Politics desk', url: null, logo: null };
    const [review] = JSON.parse(await asText(data, 'claimreview'));
    expect(review.author).toEqual({
      '@type': 'Organization',
      name: 'Politics desk',
      url: 'https://factdesk-news.example.org/',
    });
    expect(validateReviews()([review])).toBe(true);
  });

  it('the schema refuses what schema.org or the markup guidelines do not allow', () => {
    const validate = validateReviews();
    const valid = {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://desk.example.org/check#claim-1',
      claimReviewed: 'x',
      author: { '@type': 'Organization', name: 'Desk', url: 'https://desk.example.org/' },
      datePublished: '2026-11-21',
      reviewRating: { '@type': 'Rating', alternateName: 'Unverifiable' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'A' },
        datePublished: '2026-11-01',
        appearance: { '@type': 'CreativeWork', url: 'https://news.example.com/a' },
      },
    };
    expect(validate([valid]), JSON.stringify(validate.errors)).toBe(true);
    const broken: [string, Record<string, unknown>][] = [
      ['no url', { url: undefined }],
      ['a non-http url', { url: 'javascript:alert(1)' }],
      ['no rating', { reviewRating: undefined }],
      [
        'a rating without its label',
        { reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1 } },
      ],
      [
        'a rating without bounds',
        { reviewRating: { '@type': 'Rating', ratingValue: 0, alternateName: 'X' } },
      ],
      ['an author without a url', { author: { '@type': 'Organization', name: 'Desk' } }],
      ['a property schema.org does not define', { verdict: 'false' }],
      [
        'a claim without its appearance',
        {
          itemReviewed: {
            '@type': 'Claim',
            author: { '@type': 'Person', name: 'A' },
            datePublished: '2026-11-01',
          },
        },
      ],
    ];
    for (const [what, change] of broken) {
      const review: Record<string, unknown> = { ...valid, ...change };
      for (const key of Object.keys(change)) if (change[key] === undefined) delete review[key];
      expect(validate([review]), what).toBe(false);
    }
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
