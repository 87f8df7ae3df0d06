// Starts the evidence link checker with the server and stops it on close (docs/evidence-links.md);
// its findings reach the document's open editors as `evidence.link` live events. Also gives the
// routes "Check again" (the checker's own check, at once) and "Archive now" (the archive client
// through the SSRF-safe fetch), and archives links found alive when ARCHIVE_AUTOMATICALLY is on.
import type { EvidenceLinkEvent } from '@factdesk/model';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ArchiveDeps } from '../commands/claims/archiveEvidence.ts';
import { archiveEvidenceAutomatically } from '../commands/claims/archiveEvidence.ts';
import type { Config } from '../config.ts';
import { archiveLink } from '../evidenceLinks/archiveLink.ts';
import { LinkChecker } from '../evidenceLinks/LinkChecker.ts';
import { fetchOutside } from '../outbound/fetchOutside.ts';
import { presentEvidenceLink } from '../presenters/evidenceLinks.ts';
import { isHiddenByBlindRound } from '../queries/claims.ts';

const HOUR_MS = 3_600_000;

declare module 'fastify' {
  interface FastifyInstance {
    evidenceLinks: {
      /** Checks one link now; undefined when there is no such link (or it was just edited). */
      checker: LinkChecker;
      /** What archiving commands need: the database, live documents and the archive client. */
      archiveDeps: ArchiveDeps;
    };
  }
}

export const evidenceLinksPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const settings = config.evidenceLinks;
    const userAgent = `Factdesk link checker (+${config.publicUrl.origin})`;
    const archiveDeps: ArchiveDeps = {
      sql: app.db,
      liveDocuments: app.liveDocuments,
      archive: (url) => archiveLink(url, settings.archive, settings.outbound),
      leaseSeconds: Math.ceil(settings.outbound.timeoutMs / 1000) + 60,
    };
    const recheckMs = Math.max(settings.recheckHours, 1) * HOUR_MS;
    const checker = new LinkChecker({
      sql: app.db,
      fetchLink: (url) =>
        fetchOutside(url, settings.outbound, {
          headers: { 'user-agent': userAgent, accept: 'text/html,*/*' },
          discardBody: true,
        }),
      scanMs: settings.scanMs,
      recheckMs,
      batch: 20,
      concurrency: 4,
      onChanged: ({ documentId, claimId, link }) => {
        const event: EvidenceLinkEvent = {
          type: 'evidence.link',
          claimId,
          link: presentEvidenceLink(link),
        };
        // A blind round's evidence is not announced to the document (docs/claims.md).
        isHiddenByBlindRound(app.db, link.evidence_id).then(
          (hidden) => hidden || app.liveDocuments.publishEvent(documentId, event),
          (error: unknown) => app.log.error({ err: error, documentId }, 'evidence link event'),
        );
      },
      ...(settings.archive.automatically
        ? {
            // Once per link: a failure waits for the next daily check (most of a day).
            onAlive: async (link) => {
              await archiveEvidenceAutomatically(
                archiveDeps,
                link.evidence_id,
                (recheckMs * 0.9) / 1000,
              );
            },
          }
        : {}),
      onError: (error) => app.log.error({ err: error }, 'checking evidence links failed'),
    });
    app.decorate('evidenceLinks', { checker, archiveDeps });
    // LINK_CHECK_HOURS=0: no background checks; "Check again" still checks when asked.
    if (settings.recheckHours === 0) return;
    app.addHook('onReady', async () => checker.start());
    app.addHook('onClose', async () => checker.stop());
  },
  { name: 'evidence-links' },
);
