// A small fixed report (fixed dates) for golden files, and a hostile variant for safety tests.
import {
  DEFAULT_VERDICT_SCALE,
  type ReportArticleBlock,
  type ReportArticleRun,
  type ReportClaim,
  type ReportData,
} from '@factdesk/model';
import { quoteContext } from '../quoteContext.ts';

/** An IDN host as stored (punycode): reports show it as "zeitung-für-alle.example". */
const IDN_URL = new URL('https://zeitung-für-alle.example/haushalt').href;

type Inline = string | { text: string; marks?: ReportArticleRun['marks']; href?: string };
type BlockSpec = {
  kind?: ReportArticleBlock['kind'];
  level?: number;
  containers?: ReportArticleBlock['containers'];
  content: Inline[];
};

const blockSpecs: BlockSpec[] = [
  { kind: 'heading', level: 1, content: ['Budget claims under the microscope'] },
  {
    content: [
      'The ',
      { text: 'minister', marks: ['italic'] },
      ' said unemployment fell by 40% last year.',
    ],
  },
  { content: ['He added that “every school now has a nurse”.'] },
  { kind: 'heading', level: 2, content: ['Reactions'] },
  {
    containers: [{ kind: 'blockquote', index: 4 }],
    content: [{ text: 'Critics', marks: ['bold'] }, ' disagreed.'],
  },
  { kind: 'horizontalRule', content: [] },
  {
    containers: [
      { kind: 'bulletList', index: 6 },
      { kind: 'listItem', index: 0 },
    ],
    content: ['Full text: ', { text: 'the speech', href: IDN_URL }],
  },
  {
    containers: [
      { kind: 'bulletList', index: 6 },
      { kind: 'listItem', index: 1 },
    ],
    content: [{ text: IDN_URL, href: IDN_URL }],
  },
];

function buildArticle(specs: BlockSpec[]): { text: string; blocks: ReportArticleBlock[] } {
  let text = '';
  let textblocks = 0;
  const blocks: ReportArticleBlock[] = [];
  for (const spec of specs) {
    const kind = spec.kind ?? 'paragraph';
    if (kind === 'horizontalRule') {
      blocks.push({
        kind,
        containers: spec.containers ?? [],
        from: text.length,
        to: text.length,
        runs: [],
      });
      continue;
    }
    if (textblocks > 0) text += '\n';
    textblocks += 1;
    const from = text.length;
    const runs: ReportArticleRun[] = [];
    for (const inline of spec.content) {
      const piece = typeof inline === 'string' ? { text: inline } : inline;
      const run: ReportArticleRun = {
        from: text.length,
        to: text.length + piece.text.length,
        marks: piece.marks ?? [],
      };
      if (piece.href) run.href = piece.href;
      runs.push(run);
      text += piece.text;
    }
    const block: ReportArticleBlock = {
      kind,
      containers: spec.containers ?? [],
      from,
      to: text.length,
      runs,
    };
    if (spec.level) block.level = spec.level;
    blocks.push(block);
  }
  return { text, blocks };
}

const { text: articleText, blocks: articleBlocks } = buildArticle(blockSpecs);

function offsets(needle: string): { from: number; to: number } {
  const from = articleText.indexOf(needle);
  if (from < 0) throw new Error(`fixture text missing: ${needle}`);
  return { from, to: from + needle.length };
}

const verdict = (key: string) => {
  const label = DEFAULT_VERDICT_SCALE.labels.find((l) => l.key === key);
  if (!label) throw new Error(`no verdict ${key}`);
  const { bestRating, worstRating } = DEFAULT_VERDICT_SCALE;
  return { ...label, bestRating, worstRating };
};

const claims: Omit<ReportClaim, 'context'>[] = [
  {
    id: 'c1',
    number: 1,
    status: 'approved',
    statement: 'Unemployment fell by 40% last year.',
    claimant: { name: 'Jane Minister', kind: 'person' },
    quote: {
      exact: 'unemployment fell by 40% last year',
      prefix: 'The minister said ',
      suffix: '.',
    },
    currentQuote: 'unemployment fell by 40% last year',
    orphaned: false,
    verdict: verdict('false'),
    rationale:
      'Official data show a fall of **4%**, not 40%. See [the statistics office](https://stats.example.org/unemployment).',
    evidence: [
      {
        url: 'https://stats.example.org/unemployment',
        title: 'Labour market overview',
        publisher: 'Statistics Office',
        excerpt: 'Unemployment fell from 5.0% to 4.8%.',
        archivedUrl: 'https://archive.example.org/stats',
        kind: 'official_data',
        stance: 'refutes',
        addedBy: 'Rita Reviewer',
        addedAt: '2026-11-20T10:00:00.000Z',
        link: null,
      },
    ],
    reviewers: ['Rita Reviewer'],
    approver: 'Mo Moderator',
    selfApproved: false,
    fourEyesOverride: false,
    reusedFrom: null,
    createdAt: '2026-11-19T09:00:00.000Z',
    proposedAt: '2026-11-20T12:00:00.000Z',
    approvedAt: '2026-11-21T08:30:00.000Z',
    reviewDate: '2026-11-21T08:30:00.000Z',
    // Assigned 19 November 10:00, proposed 20 November 12:00.
    timeToVerdict: { createdToApprovedSeconds: 171_000, assignedToProposedSeconds: 93_600 },
  },
  {
    id: 'c2',
    number: 2,
    status: 'approved',
    statement: 'Every school now has a nurse.',
    claimant: { name: 'Ministry of Education', kind: 'organization' },
    quote: { exact: 'every school now has a nurse', prefix: 'He added that “', suffix: '”.' },
    currentQuote: null,
    orphaned: true,
    verdict: verdict('unverifiable'),
    rationale: 'No national register of school nurses exists.',
    evidence: [],
    reviewers: ['Rita Reviewer', 'Sam Second'],
    approver: 'Mo Moderator',
    selfApproved: false,
    fourEyesOverride: false,
    reusedFrom: {
      documentTitle: 'School nurses: the minister’s figures',
      reusedAt: '2026-11-20T12:55:00.000Z',
    },
    createdAt: '2026-11-19T09:05:00.000Z',
    proposedAt: '2026-11-20T13:00:00.000Z',
    approvedAt: '2026-11-21T09:00:00.000Z',
    reviewDate: '2026-11-21T09:00:00.000Z',
    timeToVerdict: { createdToApprovedSeconds: 172_500, assignedToProposedSeconds: 99_000 },
  },
  {
    id: 'c3',
    number: 3,
    status: 'in_review',
    statement: 'Critics disagreed.',
    claimant: null,
    quote: { exact: 'Critics disagreed', prefix: '', suffix: '.' },
    currentQuote: 'Critics disagreed',
    orphaned: false,
    verdict: null,
    rationale: null,
    evidence: [],
    reviewers: ['Sam Second'],
    approver: null,
    selfApproved: false,
    fourEyesOverride: false,
    reusedFrom: null,
    createdAt: '2026-11-19T09:10:00.000Z',
    proposedAt: null,
    approvedAt: null,
    reviewDate: null,
    timeToVerdict: { createdToApprovedSeconds: null, assignedToProposedSeconds: null },
  },
];

export function sampleReport(overrides: Partial<ReportData['options']> = {}): ReportData {
  return {
    version: 1,
    generatedAt: '2026-12-01T12:00:00.000Z',
    options: { scope: 'approved', evidence: true, articleText: false, ...overrides },
    textVersion: {
      id: '5b0f3d2e-8c1a-4f6b-9d7e-2a4c6e8f0b1d',
      kind: 'named',
      name: 'Before publication',
      createdAt: '2026-11-30T16:45:00.000Z',
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    },
    workspace: {
      name: 'Politics desk',
      url: 'https://factdesk-news.example.org',
      logo: 'https://factdesk-news.example.org/logo.png',
    },
    document: {
      id: 'd1',
      title: 'Budget speech, 2026 – “Growth for all”',
      outlet: 'Daily Example',
      author: 'A. Journalist',
      publishedAt: '2026-11-18T07:00:00.000Z',
      sourceUrl: IDN_URL,
      language: 'en',
    },
    reportUrl: 'https://factdesk-news.example.org/reports/budget-2026',
    team: [
      { name: 'Mo Moderator', roles: ['moderator'] },
      { name: 'Rita Reviewer', roles: ['reviewer'] },
    ],
    scale: DEFAULT_VERDICT_SCALE,
    claims: claims.map((claim) => {
      const place = claim.orphaned ? null : offsets(claim.quote.exact);
      return {
        ...claim,
        context: quoteContext(claim.quote, place ? { text: articleText, ...place } : undefined),
      };
    }),
    article: {
      text: articleText,
      blocks: articleBlocks,
      highlights: [
        { claimId: 'c1', ...offsets('unemployment fell by 40% last year') },
        { claimId: 'c3', ...offsets('Critics disagreed') },
      ],
    },
    agreement: {
      method: {
        level: 0.95,
        kappaMethod: 'large_sample_se',
        alphaMethod: 'coincidence_bootstrap',
        kappaInterval:
          '95% interval κ ± 1.96·SE, with the large-sample standard error of Fleiss, Cohen & Everitt (1969)',
        alphaInterval:
          '95% interval from 1000 bootstrap resamples of the observed coincidences (Hayes & Krippendorff 2007), 2.5th to 97.5th percentile',
        resamples: 1000,
      },
      alpha: {
        nominal: {
          value: 0.62,
          low: 0.41,
          high: 0.8,
          units: 12,
          undefinedCode: null,
          undefinedReason: null,
        },
        ordinal: {
          value: 0.74,
          low: 0.55,
          high: 0.88,
          units: 10,
          undefinedCode: null,
          undefinedReason: null,
        },
      },
      pairs: [
        {
          reviewers: [
            { id: '00000000-0000-4000-8000-000000000001', name: 'Rita Reviewer' },
            { id: '00000000-0000-4000-8000-000000000002', name: 'Sam Second' },
          ],
          kappa: {
            value: 0.58,
            low: 0.31,
            high: 0.85,
            units: 12,
            undefinedCode: null,
            undefinedReason: null,
          },
          alpha: {
            nominal: {
              value: 0.6,
              low: 0.38,
              high: 0.79,
              units: 12,
              undefinedCode: null,
              undefinedReason: null,
            },
            ordinal: {
              value: null,
              low: null,
              high: null,
              units: 1,
              undefinedCode: 'one_value_only',
              undefinedReason:
                'Every verdict given was the same one, so agreement beyond chance cannot be measured.',
            },
          },
        },
      ],
    },
  };
}

export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(2)>',
  js: 'javascript:alert(3)',
  formulas: ['=HYPERLINK("http://evil.example","x")', '+1', '-1', '@SUM(A1:A2)', '\tTAB', '\rCR'],
  rtl: 'قال الوزير إن البطالة انخفضت 40% — שר האוצר said so',
};

/** Every user-written field carries a hostile payload. */
export function hostileReport(): ReportData {
  const data = sampleReport({ scope: 'all', articleText: true });
  const [first, ...rest] = data.claims;
  if (!first) throw new Error('fixture has no claims');
  data.document.title = `${HOSTILE.script}${HOSTILE.img} ${HOSTILE.rtl}`;
  data.document.outlet = HOSTILE.img;
  data.document.sourceUrl = HOSTILE.js;
  data.workspace.name = `${HOSTILE.script}</script><script>alert(4)</script>`;
  data.textVersion.name = `${HOSTILE.formulas[0]} ${HOSTILE.img} ${HOSTILE.rtl}`;
  data.claims = [
    {
      ...first,
      statement: HOSTILE.formulas[0] ?? '',
      claimant: { name: HOSTILE.rtl, kind: 'person' },
      quote: { exact: HOSTILE.script, prefix: HOSTILE.img, suffix: HOSTILE.rtl },
      rationale: `Click [here](${HOSTILE.js}) <img src=x onerror=alert(5)> ${HOSTILE.script}`,
      approver: HOSTILE.formulas[2] ?? '',
      evidence: [
        {
          ...(first.evidence[0] as ReportClaim['evidence'][number]),
          url: HOSTILE.js,
          title: HOSTILE.img,
          archivedUrl: 'JaVaScRiPt:alert(6)',
          excerpt: HOSTILE.script,
          publisher: HOSTILE.formulas[3] ?? '',
        },
      ],
    },
    ...rest.map((claim, index) => ({
      ...claim,
      statement: HOSTILE.formulas[index + 1] ?? '',
      rationale: HOSTILE.formulas[index + 4] ?? '',
      reviewers: [HOSTILE.rtl],
    })),
  ];
  return data;
}
