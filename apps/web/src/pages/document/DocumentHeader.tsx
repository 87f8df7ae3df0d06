// The document's title block in the review workspace: where the article comes from, whether
// its source text is locked (moderators lock and unlock it), who is in it, the connection,
// and the export.

import type { DocumentSchema } from '@factdesk/model';
import { safeHref } from '@factdesk/model';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Awareness } from 'y-protocols/awareness';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { formatDate } from '../../components/formatDate.ts';
import { Icon } from '../../components/Icon.tsx';
import { FactCheckPageDialog } from './FactCheckPageDialog.tsx';
import { PresenceList } from './PresenceList.tsx';

/** What the person may do to the text now: the lock first, then their role. */
function lockText(document: DocumentSchema): string {
  if (document.textLocked) return 'Source text locked';
  if (document.abilities['document.edit']) return 'Draft editing on';
  return document.abilities['claim.comment'] ? 'Read only · you can comment' : 'Read only';
}

export function DocumentHeader({
  document,
  onDocumentChanged,
  awareness,
  myUserId,
  onExport,
  children,
}: {
  document: DocumentSchema;
  onDocumentChanged(document: DocumentSchema): void;
  awareness: Awareness;
  myUserId: string;
  onExport(): void;
  children?: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError>();
  const [editingPage, setEditingPage] = useState(false);
  const source = safeHref(document.sourceUrl);
  const published = safeHref(document.factCheckUrl);
  const facts = [
    document.outlet,
    document.author && `by ${document.author}`,
    document.publishedAt && `published ${formatDate(document.publishedAt)}`,
  ].filter(Boolean);

  const toggleLock = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const next = document.textLocked
        ? await api.unlockDocument(document.id)
        : await api.lockDocument(document.id);
      onDocumentChanged(next);
    } catch (error) {
      setProblem(ApiError.from(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <header className="review-header">
      <div className="review-heading">
        <p className="eyebrow">
          <Link to={`/w/${document.workspaceId}`}>Documents</Link>
          {document.archived && <span className="badge">Archived</span>}
        </p>
        <h1 dir="auto">{document.title}</h1>
        {(facts.length > 0 || source) && (
          <p className="review-facts muted">
            {facts.join(' · ')}
            {source && (
              <>
                {facts.length > 0 && ' · '}
                <a href={source} target="_blank" rel="noopener noreferrer">
                  {document.sourceHost}
                </a>
              </>
            )}
          </p>
        )}
        {published && (
          <p className="review-facts muted">
            Fact-check published at{' '}
            <a href={published} target="_blank" rel="noopener noreferrer">
              {document.factCheckHost}
            </a>
          </p>
        )}
      </div>
      <div className="review-tools">
        <p
          className={`lock-badge ${document.textLocked ? 'lock-on' : 'lock-off'}`}
          data-locked={document.textLocked}
        >
          <Icon name="lock" />
          {lockText(document)}
        </p>
        {document.abilities['document.lock'] && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={toggleLock}
            disabled={busy}
          >
            {document.textLocked ? 'Unlock for editing' : 'Lock the text'}
          </button>
        )}
        <PresenceList awareness={awareness} myUserId={myUserId} />
        {children}
        {document.abilities['document.import'] && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => setEditingPage(true)}
          >
            Fact-check page…
          </button>
        )}
        {document.abilities['report.export'] && (
          <button type="button" className="button button-secondary button-small" onClick={onExport}>
            Export report
          </button>
        )}
      </div>
      <ErrorAlert error={problem} />
      <FactCheckPageDialog
        document={document}
        open={editingPage}
        onClose={() => setEditingPage(false)}
        onDocumentChanged={onDocumentChanged}
      />
    </header>
  );
}
