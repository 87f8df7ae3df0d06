// pnpm bench:report — every report format on a synthetic 100,000-word document with 1,000 claims
// and 5,000 evidence links; each format runs in its own child process so peak RSS is its own.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_VERDICT_SCALE,
  type ReportClaim,
  type ReportData,
} from '../packages/model/src/index.ts';
import { REPORT_FORMATS, type ReportFormat, renderReport } from '../packages/report/src/index.ts';

const WORDS = 100_000;
const CLAIMS = 1_000;
const EVIDENCE_PER_CLAIM = 5;
const GOAL_MS: Record<ReportFormat, number> = {
  html: 2000,
  pdf: 10_000,
  md: 2000,
  csv: 2000,
  json: 2000,
  claimreview: 2000,
};
const GOAL_MB = 500;

function syntheticReport(): ReportData {
  const vocabulary = [
    'the',
    'minister',
    'said',
    'unemployment',
    'fell',
    'budget',
    'école',
    'مدرسة',
    'growth',
    'per',
    'cent',
    'année',
  ];
  const paragraphs: string[] = [];
  let words = 0;
  let seed = 1;
  while (words < WORDS) {
    const length = 80;
    const paragraph: string[] = [];
    for (let i = 0; i < length; i += 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      paragraph.push(vocabulary[seed % vocabulary.length] ?? 'word');
    }
    paragraphs.push(`${paragraph.join(' ')}.`);
    words += length;
  }
  const text = paragraphs.join('\n');
  const blocks: NonNullable<ReportData['article']>['blocks'] = [];
  let from = 0;
  for (const paragraph of paragraphs) {
    // A bold word every twenty (about one per sentence), in runs merged as buildReport's are,
    // so runs cost what formatting costs.
    const runs: NonNullable<ReportData['article']>['blocks'][number]['runs'] = [];
    let at = from;
    paragraph.split(' ').forEach((word, index) => {
      const bold = index % 20 === 19;
      const previous = runs.at(-1);
      if (previous && previous.marks.length > 0 === bold) previous.to = at + word.length + 1;
      else runs.push({ from: at, to: at + word.length + 1, marks: bold ? ['bold'] : [] });
      at += word.length + 1;
    });
    const last = runs.at(-1);
    if (last) last.to = from + paragraph.length;
    blocks.push({ kind: 'paragraph', containers: [], from, to: from + paragraph.length, runs });
    from += paragraph.length + 1;
  }
  const labels = DEFAULT_VERDICT_SCALE.labels;
  const { bestRating, worstRating } = DEFAULT_VERDICT_SCALE;
  const verdictOf = (label: (typeof labels)[number] | undefined) =>
    label ? { ...label, bestRating, worstRating } : null;
  const claims: ReportClaim[] = [];
  const highlights: NonNullable<ReportData['article']>['highlights'] = [];
  for (let n = 1; n <= CLAIMS; n += 1) {
    const block = blocks[Math.floor(((n - 1) * blocks.length) / CLAIMS)];
    if (!block) throw new Error('not enough blocks');
    const start = block.from + 10;
    const exact = text.slice(start, start + 40);
    highlights.push({ claimId: `c${n}`, from: start, to: start + 40 });
    claims.push({
      id: `c${n}`,
      number: n,
      status: n % 10 === 0 ? 'in_review' : 'approved',
      statement: `Claim ${n}: ${exact}`,
      claimant: { name: `Speaker ${n % 17}`, kind: n % 3 === 0 ? 'organization' : 'person' },
      quote: {
        exact,
        prefix: text.slice(start - 10, start),
        suffix: text.slice(start + 40, start + 60),
      },
      context: {
        before: `…${text.slice(start - 10, start)}`,
        after: `${text.slice(start + 40, start + 60)}…`,
      },
      currentQuote: exact,
      orphaned: n % 50 === 0,
      verdict: verdictOf(labels[n % labels.length]),
      rationale: `The **data** show otherwise; see [source ${n}](https://example.org/${n}).\n\n- point one\n- point two`,
      evidence: Array.from({ length: EVIDENCE_PER_CLAIM }, (_, e) => ({
        url: `https://example.org/evidence/${n}/${e}`,
        title: `Evidence ${n}.${e}`,
        publisher: 'Statistics Office',
        excerpt: 'An excerpt of a few words from the source document.',
        archivedUrl: `https://archive.example.org/${n}/${e}`,
        kind: 'official_data' as const,
        stance: 'refutes' as const,
        addedBy: 'Rita Reviewer',
        addedAt: '2026-11-20T10:00:00.000Z',
        link: null,
      })),
      reviewers: ['Rita Reviewer'],
      approver: 'Mo Moderator',
      selfApproved: false,
      fourEyesOverride: false,
      reusedFrom: null,
      createdAt: '2026-11-19T09:00:00.000Z',
      proposedAt: '2026-11-20T12:00:00.000Z',
      approvedAt: '2026-11-21T08:30:00.000Z',
      reviewDate: '2026-11-21T08:30:00.000Z',
      timeToVerdict: { createdToApprovedSeconds: 171_000, assignedToProposedSeconds: 93_600 },
    });
  }
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    options: { scope: 'all', evidence: true, articleText: true },
    textVersion: { id: null, kind: 'current', name: null, createdAt: null, sha256: '0'.repeat(64) },
    workspace: { name: 'Bench desk', url: 'https://example.org', logo: null },
    document: {
      id: 'bench',
      title: 'Benchmark document',
      outlet: 'Bench',
      author: null,
      publishedAt: null,
      sourceUrl: 'https://example.org/article',
      language: 'en',
    },
    reportUrl: 'https://example.org/report',
    team: [{ name: 'Rita Reviewer', roles: ['reviewer'] }],
    scale: DEFAULT_VERDICT_SCALE,
    claims,
    article: { text, blocks, highlights },
  };
}

async function child(format: ReportFormat): Promise<void> {
  const data = syntheticReport();
  const baselineKb = process.resourceUsage().maxRSS;
  const started = performance.now();
  const { body } = await renderReport(data, format);
  const ms = performance.now() - started;
  const bytes = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  process.stdout.write(
    JSON.stringify({
      format,
      ms,
      bytes,
      peakMb: process.resourceUsage().maxRSS / 1024,
      baselineMb: baselineKb / 1024,
    }),
  );
}

function parent(): void {
  const script = fileURLToPath(import.meta.url);
  console.log(
    `report benchmark: ${WORDS} words, ${CLAIMS} claims, ${CLAIMS * EVIDENCE_PER_CLAIM} evidence links, all claims, article text on`,
  );
  console.log(
    `${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}\n`,
  );
  console.log(
    '| format | time (ms) | goal (ms) | output | peak RSS (MB) | RSS before render (MB) | ok |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  let failed = false;
  for (const format of REPORT_FORMATS) {
    const out = execFileSync(process.execPath, [...process.execArgv, script, '--child', format], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const r = JSON.parse(out) as { ms: number; bytes: number; peakMb: number; baselineMb: number };
    const ok = r.ms < GOAL_MS[format] && r.peakMb < GOAL_MB;
    failed ||= !ok;
    console.log(
      `| ${format} | ${r.ms.toFixed(0)} | ${GOAL_MS[format]} | ${(r.bytes / 1024 / 1024).toFixed(1)} MB | ${r.peakMb.toFixed(0)} | ${r.baselineMb.toFixed(0)} | ${ok ? 'yes' : 'NO'} |`,
    );
  }
  if (failed) process.exitCode = 1;
}

const childIndex = process.argv.indexOf('--child');
const childFormat = process.argv[childIndex + 1];
if (childIndex >= 0 && (REPORT_FORMATS as readonly string[]).includes(childFormat ?? '')) {
  await child(childFormat as ReportFormat);
} else {
  parent();
}
