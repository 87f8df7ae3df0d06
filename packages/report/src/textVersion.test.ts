// Every format names the text version a report was made from, and equal data gives equal bytes
// (the PDF included: its creation date and file ID come from the report's generation time).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sampleReport } from './__fixtures__/sampleReport.ts';
import { extractPdfText } from './extractPdfText.test-helper.ts';
import { REPORT_FORMATS, renderReport } from './index.ts';

const HASH = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const VERSION_ID = '5b0f3d2e-8c1a-4f6b-9d7e-2a4c6e8f0b1d';

async function readable(format: (typeof REPORT_FORMATS)[number], data = sampleReport()) {
  const { body } = await renderReport(data, format);
  return typeof body === 'string' ? body : (await extractPdfText(body)).replace(/\s+/g, ' ');
}

describe('the text version in every format', () => {
  it.each(['html', 'md', 'pdf'] as const)(
    '%s: a header line names the version, its hash and date',
    async (format) => {
      const text = await readable(format);
      expect(text).toContain('Text version');
      expect(text).toContain('Before publication');
      expect(text).toContain('named version saved 30 November 2026, 16:45:00 UTC');
      expect(text).toContain(VERSION_ID);
      expect(text).toContain(`SHA-256 ${HASH}`);
      expect(text).toContain('1 December 2026, 12:00:00 UTC');
    },
  );

  it('a version without a name is named by what saved it', async () => {
    const data = sampleReport();
    data.textVersion = { ...data.textVersion, kind: 'import', name: null };
    expect(await readable('md', data)).toContain(
      `**Text version:** the text as imported, saved 30 November 2026, 16:45:00 UTC · version ${VERSION_ID} · SHA-256 ${HASH}`,
    );
  });

  it('the current text is named as such, read at the report’s time', async () => {
    const data = sampleReport();
    data.textVersion = { id: null, kind: 'current', name: null, createdAt: null, sha256: HASH };
    const md = await readable('md', data);
    expect(md).toContain(
      `**Text version:** current text, read 1 December 2026, 12:00:00 UTC · SHA-256 ${HASH}`,
    );
    const csv: Record<string, string>[] = parse(await readable('csv', data), {
      bom: true,
      columns: true,
    });
    expect(csv[0]).toMatchObject({ text_version: 'current', text_sha256: HASH });
  });

  it('CSV: every row carries the version, its hash and the generation time', async () => {
    const rows: Record<string, string>[] = parse(await readable('csv'), {
      bom: true,
      columns: true,
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({
        text_version: VERSION_ID,
        text_sha256: HASH,
        generated_at: '2026-12-01T12:00:00.000Z',
      });
    }
  });

  it('JSON carries textVersion; ClaimReview its appearance’s schema.org version', async () => {
    expect(JSON.parse(await readable('json')).textVersion).toEqual(sampleReport().textVersion);
    for (const review of JSON.parse(await readable('claimreview'))) {
      expect(review.itemReviewed.appearance.version).toBe(`${VERSION_ID}; sha256:${HASH}`);
    }
  });
});

describe('equal data, equal bytes', () => {
  it.each(REPORT_FORMATS)('%s: rendered twice, byte for byte the same', async (format) => {
    const data = sampleReport({ scope: 'all', articleText: true });
    const first = (await renderReport(data, format)).body;
    const second = (await renderReport(structuredClone(data), format)).body;
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('a later generation time changes only the time in the text formats', async () => {
    const earlier = sampleReport({ scope: 'all', articleText: true });
    const later = { ...earlier, generatedAt: '2026-12-03T08:30:15.000Z' };
    for (const format of ['html', 'md', 'csv', 'json', 'claimreview'] as const) {
      const a = (await renderReport(earlier, format)).body as string;
      const b = (await renderReport(later, format)).body as string;
      const normalise = (text: string) =>
        text
          .replaceAll('2026-12-01T12:00:00.000Z', 'TIME')
          .replaceAll('2026-12-03T08:30:15.000Z', 'TIME')
          .replaceAll('1 December 2026, 12:00:00 UTC', 'TIME')
          .replaceAll('3 December 2026, 08:30:15 UTC', 'TIME')
          .replaceAll('1 December 2026', 'DAY')
          .replaceAll('3 December 2026', 'DAY');
      expect(normalise(b), format).toBe(normalise(a));
    }
  });
});
