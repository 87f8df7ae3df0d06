// buildReport: a document's claim rows and its current text → the ReportData every renderer
// takes; or, for a saved text version, the rows saved with it (reportSnapshot.ts) and its
// stored text, so the version's report never changes. Read-only: anchors are resolved against
// the text here (the quote under each highlight, text order, orphans) without re-anchoring
// rows, so an export by a viewer never writes — the refresher does that when the text changes.
import { createHash } from 'node:crypto';
import {
  type ArticleStructure,
  articleStructure,
  type ClaimPlace,
  claimLocator,
  compareTextOrder,
} from '@factdesk/editor';
import {
  DEFAULT_VERDICT_SCALE,
  REPORT_DATA_VERSION,
  type ReportArticle,
  type ReportClaim,
  type ReportClaimVerdict,
  type ReportData,
  type ReportEvidenceLink,
  type ReportOptions,
  type ReportTextVersion,
  type VerdictScale,
} from '@factdesk/model';
import { quoteContext } from '@factdesk/report';
import * as Y from 'yjs';
import type { Sql } from '../db/database.ts';
import { AppError, NotFoundError } from '../errors.ts';
import { msg } from '../i18n/translate.ts';
import { readDocState } from '../queries/docState.ts';
import { type DocumentRow, findDocVersion, type StoredDocVersion } from '../queries/documents.ts';
import type { ReportClaimRow, ReportEvidenceRow, ReportPerson } from '../queries/report.ts';
import { locatable } from './locatable.ts';
import {
  type ReportSource,
  readLiveReportSource,
  reportSourceFromSnapshot,
} from './reportSnapshot.ts';

/** Reads the live document (server) or its stored state (command line). */
export type ReadDocument = <T>(documentId: string, read: (doc: Y.Doc) => T) => Promise<T>;

export interface ReportDeps {
  sql: Sql;
  readDocument: ReadDocument;
}

/**
 * The report of the current text, or — with `versionId` — of that saved version of the
 * document (404 when it has none by that id; 409 when it was saved before versions kept their
 * claims). `now` is the generation time, the only thing two reports of one version differ in.
 */
export async function buildReport(
  deps: ReportDeps,
  document: DocumentRow,
  options: ReportOptions,
  now: Date = new Date(),
  versionId: string | null = null,
): Promise<ReportData> {
  const pinned =
    versionId === null ? null : await reproducibleVersion(deps.sql, document, versionId);
  const source = pinned
    ? reportSourceFromSnapshot(pinned.report_snapshot, options)
    : await liveSource(deps.sql, document, options);
  const { workspace, rows } = source;
  const scale: VerdictScale = workspace.verdict_scale ?? DEFAULT_VERDICT_SCALE;

  const readText = pinned ? readVersionState(pinned.state) : deps.readDocument;
  // One text model for every claim: resolving each anchor against a model of its own held the
  // event loop for seconds with 1,000 claims (pnpm bench:hostile).
  const { text, structure, placements, sha256 } = await readText(document.id, (doc) => {
    const locator = claimLocator(doc);
    return {
      text: locator.text,
      structure: options.articleText ? articleStructure(doc) : null,
      // Where each claim sits now: its anchor, else its original quote, else nowhere. Only
      // read: re-anchoring is written by the refresher, so an export by a viewer never writes.
      placements: rows.map((row) => locator.locate(locatable(row))),
      // A saved version: its stored update, as stored. The current text: the state read now.
      sha256: hash(pinned ? pinned.state : Y.encodeStateAsUpdate(doc)),
    };
  });
  const textVersion: ReportTextVersion = pinned
    ? {
        id: pinned.id,
        kind: pinned.kind,
        name: pinned.name,
        createdAt: pinned.created_at.toISOString(),
        sha256,
      }
    : { id: null, kind: 'current', name: null, createdAt: null, sha256 };

  // Text order; orphaned claims (no place in the text) last, oldest first.
  const order = rows
    .map((row, index) => ({ row, placement: placements[index] ?? null }))
    .sort((a, b) => compareTextOrder(a.placement, b.placement));

  const claims = order.map(({ row, placement }, index) =>
    reportClaim(row, placement, index + 1, scale, text),
  );
  const data: ReportData = {
    version: REPORT_DATA_VERSION,
    generatedAt: now.toISOString(),
    options,
    textVersion,
    // The publishing organisation as ClaimReview names it (workspace settings).
    workspace: {
      name: workspace.org_name ?? workspace.name,
      url: workspace.org_url,
      logo: workspace.org_logo_url,
    },
    document: {
      id: document.id,
      title: source.document.title,
      outlet: source.document.outlet,
      author: source.document.author,
      publishedAt: source.document.published_on
        ? `${source.document.published_on}T00:00:00.000Z`
        : null,
      sourceUrl: source.document.source_url,
      language: source.document.language,
    },
    reportUrl: source.document.fact_check_url,
    team: reviewTeam(order.map(({ row }) => row)),
    scale: {
      bestRating: scale.bestRating,
      worstRating: scale.worstRating,
      labels: scale.labels.map(({ key, label, ratingValue }) => ({ key, label, ratingValue })),
    },
    claims,
  };
  if (structure) data.article = article(structure, order);
  return data;
}

/** The rows now, in one snapshot: the claims and the workspace they are reported with agree. */
async function liveSource(
  sql: Sql,
  document: DocumentRow,
  options: ReportOptions,
): Promise<ReportSource> {
  const source = await sql.begin('ISOLATION LEVEL REPEATABLE READ', (tx) =>
    readLiveReportSource(tx, document, {
      approvedOnly: options.scope === 'approved',
      evidence: options.evidence,
    }),
  );
  if (!source) throw new NotFoundError('Workspace');
  return source;
}

/** The saved version, when it belongs to the document and kept what its report needs. */
async function reproducibleVersion(
  sql: Sql,
  document: DocumentRow,
  versionId: string,
): Promise<StoredDocVersion> {
  const version = await findDocVersion(sql, document.id, versionId);
  if (!version) throw new NotFoundError('Version');
  if (version.report_snapshot === null) {
    throw new AppError(
      409,
      'version_not_reproducible',
      msg('errors.versionNotReproducible', {
        savedOn: version.created_at.toISOString().slice(0, 10),
      }),
      'version',
    );
  }
  return version;
}

/** Reads a stored Yjs state, whatever document id is asked for. */
function readVersionState(state: Uint8Array): ReadDocument {
  return async (_documentId, read) => {
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, state);
      return read(doc);
    } finally {
      doc.destroy();
    }
  };
}

function hash(state: Uint8Array): string {
  return createHash('sha256').update(state).digest('hex');
}

function reportClaim(
  row: ReportClaimRow,
  placement: ClaimPlace | null,
  number: number,
  scale: VerdictScale,
  text: string,
): ReportClaim {
  const quote = { exact: row.quote_exact, prefix: row.quote_prefix, suffix: row.quote_suffix };
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
    quote,
    // Cut at word boundaries knowing the text around the quote when it is still in place.
    context: quoteContext(
      quote,
      placement === null ? undefined : { text, from: placement.from, to: placement.to },
    ),
    currentQuote: placement?.text ?? null,
    orphaned: placement === null,
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
      link: reportLink(e),
    })),
    reviewers: reviewers(row).map((person) => person.name),
    approver: row.approver?.name ?? null,
    selfApproved: row.approver !== null && row.approver.id === row.proposer?.id,
    fourEyesOverride: row.approval_override,
    reusedFrom: row.reused_from
      ? {
          documentTitle: row.reused_from.document_title,
          reusedAt: new Date(row.reused_from.reused_at).toISOString(),
        }
      : null,
    createdAt: row.created_at.toISOString(),
    proposedAt: row.proposed_at?.toISOString() ?? null,
    approvedAt,
    reviewDate: approvedAt,
    timeToVerdict: {
      createdToApprovedSeconds: secondsBetween(row.created_at, row.approved_at),
      assignedToProposedSeconds: secondsBetween(row.assigned_at ?? null, row.proposed_at),
    },
  };
}

/** Whole seconds from one moment to a later one; null when either is missing or out of order. */
function secondsBetween(start: Date | string | null, end: Date | string | null): number | null {
  if (start === null || end === null) return null;
  const seconds = Math.round((new Date(end).getTime() - new Date(start).getTime()) / 1000);
  return seconds >= 0 ? seconds : null;
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

/** The article's structure (headings, quotes, lists, marks, links) with the claims' highlights. */
function article(
  structure: ArticleStructure,
  order: { row: ReportClaimRow; placement: ClaimPlace | null }[],
): ReportArticle {
  const highlights: ReportArticle['highlights'] = [];
  for (const { row, placement } of order) {
    if (placement !== null && placement.to > placement.from) {
      highlights.push({ claimId: row.id, from: placement.from, to: placement.to });
    }
  }
  return { text: structure.text, blocks: structure.blocks, highlights };
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

/** A dead or moved link as the report flags it; a version's snapshot keeps it as it was then. */
function reportLink(e: ReportEvidenceRow): ReportEvidenceLink | null {
  if (e.link_state !== 'dead' && e.link_state !== 'moved') return null;
  return {
    state: e.link_state,
    finalUrl: e.link_state === 'moved' ? (e.link_final_url ?? null) : null,
    httpStatus: e.link_http_status ?? null,
    checkedAt: e.link_checked_at ? new Date(e.link_checked_at).toISOString() : null,
  };
}
