// Starts the evidence link checker with the server and stops it on close (docs/evidence-links.md);
// its findings reach the document's open editors as `evidence.link` live events.
import type { EvidenceLinkEvent } from '@factdesk/model';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { LinkChecker } from '../evidenceLinks/LinkChecker.ts';
import { fetchOutside } from '../outbound/fetchOutside.ts';
import { presentEvidenceLink } from '../presenters/evidenceLinks.ts';

const HOUR_MS = 3_600_000;

export const evidenceLinksPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Config }) => {
    const settings = config.evidenceLinks;
    if (settings.recheckHours === 0) return;
    const userAgent = `Factdesk link checker (+${config.publicUrl.origin})`;
    const checker = new LinkChecker({
      sql: app.db,
      fetchLink: (url) =>
        fetchOutside(url, settings.outbound, {
          headers: { 'user-agent': userAgent, accept: 'text/html,*/*' },
          discardBody: true,
        }),
      scanMs: settings.scanMs,
      recheckMs: settings.recheckHours * HOUR_MS,
      batch: 20,
      concurrency: 4,
      onChanged: ({ documentId, claimId, link }) => {
        const event: EvidenceLinkEvent = {
          type: 'evidence.link',
          claimId,
          link: presentEvidenceLink(link),
        };
        app.liveDocuments.publishEvent(documentId, event);
      },
      onError: (error) => app.log.error({ err: error }, 'checking evidence links failed'),
    });
    app.addHook('onReady', async () => checker.start());
    app.addHook('onClose', async () => checker.stop());
  },
  { name: 'evidence-links' },
);
