// buildReport: a document's claim rows and its current text → the ReportData every renderer
// takes. Read-only: anchors are resolved against the text here (the quote under each
// highlight, text order, orphans) without re-anchoring rows, so an export by a viewer never
// writes — the claims API does that when claims are read there.
import { type AnchorRange, anchorResolver, articleText } from '@factdesk/editor';
import {
  DEFAULT_VERDICT_SCALE,
  REPORT_DATA_VERSION,
  type ReportArticle,
  type ReportClaim,
  type ReportClaimVerdict,
  type ReportData,
  type ReportOptions,
  type VerdictScale,
} from '@factdesk/model';
import * as Y from 'yjs';
import type { Sql } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { readDocState } from '../queries/docState.ts';
import type { DocumentRow } from '../queries/documents.ts';
import {
  findReportWorkspace,
  listReportClaims,
  type ReportClaimRow,
  type ReportPerson,
} from '../queries/report.ts';
import { findQuote } from './claims/findQuote.ts';

/** Reads the live document (server) or its stored state (command line). */
export type ReadDocument = <T>(documentId: string, read: (doc: Y.Doc) => T) => Promise<T>;

export interface ReportDeps {
  sql: Sql;
  readDocument: ReadDocument;
}

interface Placement {
  /** Offset in the article text; null when the passage is nowhere (orphaned). */
  from: number | null;
  to: number;
  currentQuote: string | null;
}

export async function buildReport(
  deps: ReportDeps,
  document: DocumentRow,
  options: ReportOptions,
  now: Date = new Date(),
): Promise<ReportData> {
  // One snapshot of the rows: the claims and the workspace they are reported with agree.
  const { workspace, rows } = await deps.sql.begin(
    'ISOLATION LEVEL REPEATABLE READ',
    async (tx) => {
      const workspace = await findReportWorkspace(tx, document.workspace_id);
      const rows = await listReportClaims(tx, document.id, {
        approvedOnly: options.scope === 'approved',
        evidence: options.evidence,
      });
      return { workspace, rows };
    },
  );
  if (!workspace) throw new NotFoundError('Workspace');
  const scale: VerdictScale = workspace.verdict_scale ?? DEFAULT_VERDICT_SCALE;

  // One text model for every claim: resolving each anchor against a model of its own held the
  // event loop for seconds with 1,000 claims (pnpm bench:hostile).
  const { text, placements } = await deps.readDocument(document.id, (doc) => {
    const text = articleText(doc).text;
    const resolve = anchorResolver(doc);
    return { text, placements: rows.map((row) => place(resolve, text, row)) };
  });

  // Text order; orphaned claims (no place in the text) last, oldest first.
  const order = rows
    .map((row, index) => ({ row, placement: placements[index] ?? orphan() }))
    .sort((a, b) => {
      const x = a.placement.from;
      const y = b.placement.from;
      if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
      return x - y || a.placement.to - b.placement.to;
    });

  const claims = order.map(({ row, placement }, index) =>
    reportClaim(row, placement, index + 1, scale),
  );
  const data: ReportData = {
    version: REPORT_DATA_VERSION,
    generatedAt: now.toISOString(),
    options,
    // The publishing organisation as ClaimReview names it (workspace settings).
    workspace: {
      name: workspace.org_name ?? workspace.name,
      url: workspace.org_url,
      logo: workspace.org_logo_url,
    },
    document: {
      id: document.id,
      title: document.title,
      outlet: document.outlet,
      author: document.author,
      publishedAt: document.published_on ? `${document.published_on}T00:00:00.000Z` : null,
      sourceUrl: document.source_url,
      language: document.language,
    },
    reportUrl: document.fact_check_url,
    team: reviewTeam(order.map(({ row }) => row)),
    scale: {
      bestRating: scale.bestRating,
      worstRating: scale.worstRating,
      labels: scale.labels.map(({ key, label, ratingValue }) => ({ key, label, ratingValue })),
    },
    claims,
  };
  if (options.articleText) data.article = article(text, order);
  return data;
}

function orphan(): Placement {
  return { from: null, to: 0, currentQuote: null };
}

/** Where the claim sits now: its anchor, else its original quote found again, else nowhere. */
function place(
  resolve: (start: string, end: string) => AnchorRange | null,
  text: string,
  row: ReportClaimRow,
): Placement {
  if (!row.orphaned) {
    const range = resolve(row.anchor_start, row.anchor_end);
    if (range && range.text.length > 0) {
      return { from: range.from, to: range.to, currentQuote: range.text };
    }
  }
  const match = findQuote(text, {
    exact: row.quote_exact,
    prefix: row.quote_prefix,
    suffix: row.quote_suffix,
  });
  if (!match) return orphan();
  return { from: match.from, to: match.to, currentQuote: text.slice(match.from, match.to) };
}

function reportClaim(
  row: ReportClaimRow,
  placement: Placement,
  number: number,
  scale: VerdictScale,
): ReportClaim {
  const approvedAt = row.approved_at?.toISOString() ?? null;
  return {
    id: row.id,
    number,
    status: row.status,
    statement: row.statement,
    claimant:
      row.claimant_name && row.claimant_type
        ? { name: row.claimant_name, kind: row.claimant_type }
        : null,
    quote: { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix },
    currentQuote: placement.currentQuote,
    orphaned: placement.from === null,
    verdict: reportVerdict(row, scale),
    rationale: row.rationale === '' ? null : row.rationale,
    evidence: row.evidence.map((e) => ({
      url: e.url,
      title: e.title || null,
      publisher: e.publisher || null,
      excerpt: e.excerpt || null,
      archivedUrl: e.archive_url,
      kind: e.kind,
      stance: e.stance,
      addedBy: e.added_by_name,
      addedAt: new Date(e.created_at).toISOString(),
    })),
    reviewers: reviewers(row).map((person) => person.name),
    approver: row.approver?.name ?? null,
    selfApproved: row.approver !== null && row.approver.id === row.proposer?.id,
    fourEyesOverride: row.approval_override,
    createdAt: row.created_at.toISOString(),
    proposedAt: row.proposed_at?.toISOString() ?? null,
    approvedAt,
    reviewDate: approvedAt,
  };
}

/**
 * An approved verdict as approval froze it (a later scale change never alters it); any other
 * as the scale rates it now. A key the owners have since removed still shows, unrated.
 */
function reportVerdict(row: ReportClaimRow, scale: VerdictScale): ReportClaimVerdict | null {
  if (!row.verdict) return null;
  if (
    row.status === 'approved' &&
    row.approved_label !== null &&
    row.approved_best_rating !== null &&
    row.approved_worst_rating !== null
  ) {
    return {
      key: row.verdict,
      label: row.approved_label,
      ratingValue: row.approved_rating,
      bestRating: row.approved_best_rating,
      worstRating: row.approved_worst_rating,
    };
  }
  const label = scale.labels.find((l) => l.key === row.verdict);
  return {
    key: row.verdict,
    label: label?.label ?? row.verdict,
    ratingValue: label?.ratingValue ?? null,
    bestRating: scale.bestRating,
    worstRating: scale.worstRating,
  };
}

/** Assignees, then whoever proposed the verdict if they were not assigned. */
function reviewers(row: ReportClaimRow): ReportPerson[] {
  const people = [...row.assignees];
  if (row.proposer && !people.some((p) => p.id === row.proposer?.id)) people.push(row.proposer);
  return people;
}

/** Everyone who reviewed or approved a reported claim, in order of first appearance. */
function reviewTeam(rows: ReportClaimRow[]): ReportData['team'] {
  const team = new Map<string, { name: string; roles: string[] }>();
  const add = (person: ReportPerson, role: string) => {
    const member = team.get(person.id) ?? { name: person.name, roles: [] };
    if (!member.roles.includes(role)) member.roles.push(role);
    team.set(person.id, member);
  };
  for (const row of rows) {
    for (const person of reviewers(row)) add(person, 'reviewer');
    if (row.approver) add(row.approver, 'approver');
  }
  return [...team.values()];
}

/** The text as paragraphs (one per line of the text model) with the claims' highlights. */
function article(
  text: string,
  order: { row: ReportClaimRow; placement: Placement }[],
): ReportArticle {
  const blocks: ReportArticle['blocks'] = [];
  let from = 0;
  for (const line of text.split('\n')) {
    blocks.push({ kind: 'paragraph', from, to: from + line.length });
    from += line.length + 1;
  }
  const highlights: ReportArticle['highlights'] = [];
  for (const { row, placement } of order) {
    if (placement.from !== null && placement.to > placement.from) {
      highlights.push({ claimId: row.id, from: placement.from, to: placement.to });
    }
  }
  return { text, blocks, highlights };
}

/** The document as stored (snapshot and logged updates), for the command line. */
export function readStoredDocument(sql: Sql): ReadDocument {
  return async (documentId, read) => {
    const { snapshot, updates } = await readDocState(sql, documentId);
    const doc = new Y.Doc();
    try {
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const update of updates) Y.applyUpdate(doc, update.payload);
      return read(doc);
    } finally {
      doc.destroy();
    }
  };
}
