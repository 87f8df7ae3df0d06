// archiveEvidence: asks the archive service for a copy of an evidence link and stores the copy's
// address as the link's archive_url, with a history entry and a live event, like an edit of the
// link. "Archive now" is a person's request (the rule of editing evidence); automatic archiving
// is the server's own (no actor), for a link the checker found alive with no copy yet. The slow
// call to the service holds no transaction and no lock: a lease on the link row keeps a second
// request from asking twice, and the copy is stored only if the link was not edited meanwhile.
import type { Evidence } from '@factdesk/model';
import type { TransactionSql } from 'postgres';
import { BadRequestError, ConflictError, NotFoundError, UpstreamError } from '../../errors.ts';
import { ArchiveFailure } from '../../evidenceLinks/archiveLink.ts';
import { msg } from '../../i18n/translate.ts';
import { presentEvidence } from '../../presenters/claims.ts';
import { insertClaimEvent } from '../../queries/claimEvents.ts';
import { findClaimDetail, lockClaim, updateClaimRow } from '../../queries/claims.ts';
import { type EvidenceRow, findEvidence, updateEvidenceRow } from '../../queries/evidence.ts';
import { finishArchiving, startArchiving } from '../../queries/evidenceLinks.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { normalizeEvidenceUrl } from './evidenceUrl.ts';
import {
  type ClaimChange,
  type ClaimWriteRule,
  checkClaimWrite,
  NOT_APPROVED,
  publishClaimEvents,
  writeClaim,
} from './writeClaim.ts';

export interface ArchiveDeps extends ClaimDeps {
  /** The archive client with its service and limits (evidenceLinks/archiveLink.ts). */
  archive(url: string): Promise<string>;
  /** Outlasts one call to the archive service (its time budget and some). */
  leaseSeconds: number;
}

const RULE: ClaimWriteRule = {
  ability: 'work',
  verb: 'archive evidence',
  from: NOT_APPROVED,
  notFound: 'Evidence',
};

/** "Archive now": the copy stored, or 502/504 with the service's failure in a sentence. */
export async function archiveEvidence(deps: ArchiveDeps, actorId: string, evidenceId: string) {
  const existing = await findEvidence(deps.sql, evidenceId);
  if (!existing) throw new NotFoundError('Evidence');
  // The same checks as the write below (404, 403, 409 on an approved claim), before the slow
  // call, so nobody asks the archive service for a copy they could not store.
  await checkClaimWrite(deps, actorId, existing.claim_id, RULE);
  if (!(await startArchiving(deps.sql, evidenceId, deps.leaseSeconds))) {
    throw new ConflictError(msg('errors.archiving'), 'archiving');
  }
  let problem: string | null = null;
  try {
    const copy = await askForCopy(deps, existing.url);
    let evidence: Evidence | undefined;
    const result = await writeClaim(deps, actorId, existing.claim_id, RULE, async ({ tx }) => {
      const change = await storeCopy(tx, evidenceId, existing.url, copy);
      await updateClaimRow(tx, existing.claim_id, {});
      evidence = change.live?.evidence;
      return [change];
    });
    return { ...result, evidence: evidence ?? presentEvidence(await mustFind(deps, evidenceId)) };
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    throw error;
  } finally {
    await finishArchiving(deps.sql, evidenceId, problem);
  }
}

/**
 * Automatic archiving (ARCHIVE_AUTOMATICALLY): a copy of a link found alive, once; a failure is
 * recorded and tried again after `retryAfterSeconds` (the next daily check). Returns whether a
 * copy was stored; never throws for the service's failures.
 */
export async function archiveEvidenceAutomatically(
  deps: ArchiveDeps,
  evidenceId: string,
  retryAfterSeconds: number,
): Promise<boolean> {
  if (!(await startArchiving(deps.sql, evidenceId, deps.leaseSeconds, { retryAfterSeconds }))) {
    return false;
  }
  let problem: string | null = null;
  try {
    const existing = await findEvidence(deps.sql, evidenceId);
    if (!existing) return false;
    const copy = await askForCopy(deps, existing.url);
    const outcome = await deps.sql.begin(async (tx) => {
      const claim = await lockClaim(tx, existing.claim_id);
      if (!claim || claim.status === 'approved') return undefined;
      const change = await storeCopy(tx, evidenceId, existing.url, copy);
      await updateClaimRow(tx, claim.id, {});
      const eventId = await insertClaimEvent(tx, {
        claimId: claim.id,
        documentId: claim.document_id,
        actorId: null,
        type: change.type,
        before: change.before,
        after: change.after,
        subject: change.subject ?? null,
        blindRound: existing.blind_round,
      });
      const detail = await findClaimDetail(tx, claim.id);
      return detail && { detail, change, eventId };
    });
    if (!outcome) return false;
    publishClaimEvents(
      deps,
      outcome.detail,
      [outcome.change],
      [outcome.eventId],
      [existing.blind_round],
    );
    return true;
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    if (error instanceof UpstreamError || error instanceof ConflictError) return false;
    throw error;
  } finally {
    await finishArchiving(deps.sql, evidenceId, problem);
  }
}

/** The copy's address, or the service's failure as a 502/504 with its sentence. */
async function askForCopy(deps: ArchiveDeps, url: string): Promise<string> {
  try {
    const copy = await deps.archive(url);
    // The service's answer is not trusted more than a person's: the same rule as archiveUrl.
    return normalizeEvidenceUrl(copy, 'archiveUrl');
  } catch (error) {
    if (error instanceof ArchiveFailure) {
      throw new UpstreamError(error.message, error.timedOut, 'archive_failed');
    }
    if (error instanceof BadRequestError) {
      throw new UpstreamError(msg('errors.archiveNotWebPage'), false, 'archive_failed');
    }
    throw error;
  }
}

/** Stores the copy inside the caller's transaction, as an edit of the link's archive address. */
async function storeCopy(
  tx: TransactionSql,
  evidenceId: string,
  archivedUrl: string,
  copy: string,
): Promise<ClaimChange> {
  const current = await findEvidence(tx, evidenceId);
  if (!current) throw new NotFoundError('Evidence');
  if (current.url !== archivedUrl) {
    throw new ConflictError(msg('errors.editedWhileArchiving'), 'archiving');
  }
  const row = await updateEvidenceRow(tx, evidenceId, { ...valuesOf(current), archive_url: copy });
  const evidence = presentEvidence(row);
  return {
    type: 'evidence.updated',
    before: { archiveUrl: current.archive_url },
    after: { archiveUrl: evidence.archiveUrl },
    subject: { id: evidence.id, title: evidence.title, displayHost: evidence.displayHost },
    live: { evidence },
  };
}

function valuesOf(row: EvidenceRow) {
  const { url, title, publisher, excerpt, archive_url, kind, stance } = row;
  return { url, title, publisher, excerpt, archive_url, kind, stance };
}

async function mustFind(deps: ClaimDeps, evidenceId: string): Promise<EvidenceRow> {
  const row = await findEvidence(deps.sql, evidenceId);
  if (!row) throw new NotFoundError('Evidence');
  return row;
}
