// The document's title block in the review workspace: where the article comes from, whether
// its source text is locked (moderators lock and unlock it), who is in it, the connection,
// and the export.

import type { DocumentSchema } from '@factdesk/model';
import { safeHref } from '@factdesk/model';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import type { Awareness } from 'y-protocols/awareness';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { formatDate } from '../../components/formatDate.ts';
import { Icon } from '../../components/Icon.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/useT.ts';
import { FactCheckPageDialog } from './FactCheckPageDialog.tsx';
import { PresenceList } from './PresenceList.tsx';

/** What the person may do to the text now: the lock first, then their role. */
function lockText(document: DocumentSchema): MessageId {
  if (document.textLocked) return 'document.lock.locked';
  if (document.abilities['document.edit']) return 'document.lock.editing';
  return document.abilities['claim.comment'] ? 'document.lock.comment' : 'document.lock.readOnly';
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
  const intl = useIntl();
  const t = useT();
  const source = safeHref(document.sourceUrl);
  const published = safeHref(document.factCheckUrl);
  const facts = [
    document.outlet,
    document.author && t('document.byAuthor', { author: document.author }),
    document.publishedAt &&
      t('document.publishedOn', { date: formatDate(intl, document.publishedAt) }),
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
          <Link to={`/w/${document.workspaceId}`}>{t('nav.documents')}</Link>
          {document.archived && <span className="badge">{t('document.archivedFlag')}</span>}
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
            <FormattedMessage
              id="document.factCheckPublishedAt"
              values={{
                host: document.factCheckHost,
                link: (chunks) => (
                  <a href={published} target="_blank" rel="noopener noreferrer">
                    {chunks}
                  </a>
                ),
              }}
            />
          </p>
        )}
      </div>
      <div className="review-tools">
        <p
          className={`lock-badge ${document.textLocked ? 'lock-on' : 'lock-off'}`}
          data-locked={document.textLocked}
        >
          <Icon name="lock" />
          {t(lockText(document))}
        </p>
        {document.abilities['document.lock'] && (
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={toggleLock}
            disabled={busy}
          >
            {document.textLocked ? t('document.unlock') : t('document.lock')}
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
            {t('document.factCheckPage')}
          </button>
        )}
        {document.abilities['report.export'] && (
          <button type="button" className="button button-secondary button-small" onClick={onExport}>
            {t('document.exportReport')}
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
