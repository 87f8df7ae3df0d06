// The rows of the document list: title and source, claim progress, who is in it now, last
// activity, and the actions the workspace abilities allow (export, archive, delete).
import type { DocumentListItem, VerdictScale, Workspace } from '@factdesk/model';
import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../components/formatDate.ts';
import { Icon } from '../../components/Icon.tsx';
import { useT } from '../../i18n/useT.ts';
import { ClaimProgress } from './ClaimProgress.tsx';
import { PresenceAvatars } from './PresenceAvatars.tsx';
import { relativeTime } from './relativeTime.ts';

interface DocumentsTableProps {
  workspaceId: string;
  documents: DocumentListItem[];
  scale: VerdictScale | undefined;
  abilities: Workspace['abilities'];
  onExport(document: DocumentListItem): void;
  onArchive(document: DocumentListItem): void;
  onDelete(document: DocumentListItem): void;
}

function sourceLine(intl: IntlShape, document: DocumentListItem): string {
  return [
    document.outlet,
    document.author && intl.formatMessage({ id: 'document.byAuthor' }, { author: document.author }),
    document.publishedAt && formatDate(intl, document.publishedAt),
  ]
    .filter(Boolean)
    .join(' · ');
}

export function DocumentsTable({
  workspaceId,
  documents,
  scale,
  abilities,
  onExport,
  onArchive,
  onDelete,
}: DocumentsTableProps) {
  const intl = useIntl();
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table documents-table">
        <thead>
          <tr>
            <th scope="col">{t('documents.column.document')}</th>
            <th scope="col">{t('export.claims')}</th>
            <th scope="col">{t('documents.openNow')}</th>
            <th scope="col">{t('documents.lastActivity')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('table.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => {
            const source = sourceLine(intl, document);
            return (
              <tr key={document.id}>
                <th scope="row" className="document-cell">
                  <Link
                    to={`/w/${workspaceId}/d/${document.id}`}
                    className="document-title"
                    dir="auto"
                  >
                    {document.title}
                  </Link>
                  {source && <span className="document-source">{source}</span>}
                  {(document.textLocked || document.archived) && (
                    <span className="document-flags">
                      {document.textLocked && (
                        <span className="flag" title={t('document.textLocked.title')}>
                          <Icon name="lock" size={13} />
                          {t('document.textLocked')}
                        </span>
                      )}
                      {document.archived && (
                        <span className="flag">
                          <Icon name="archive" size={13} />
                          {t('document.archivedFlag')}
                        </span>
                      )}
                    </span>
                  )}
                </th>
                <td data-label={t('export.claims')} className="claims-cell">
                  <ClaimProgress counts={document.claimCounts} scale={scale} />
                </td>
                <td data-label={t('documents.openNow')}>
                  <PresenceAvatars people={document.present} />
                </td>
                <td data-label={t('documents.lastActivity')} className="cell-muted nowrap">
                  <time
                    dateTime={document.lastActivityAt}
                    title={formatDateTime(intl, document.lastActivityAt)}
                  >
                    {relativeTime(intl, document.lastActivityAt)}
                  </time>
                </td>
                <td className="cell-actions">
                  <span className="row-actions">
                    {abilities['report.export'] && (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={t('documents.exportNamed', { title: document.title })}
                        onClick={() => onExport(document)}
                      >
                        <Icon name="download" size={15} />
                        {t('action.export')}
                      </button>
                    )}
                    {abilities['document.archive'] && (
                      <button
                        type="button"
                        className="button button-secondary button-small row-action-compact"
                        aria-label={t(
                          document.archived ? 'documents.unarchiveNamed' : 'documents.archiveNamed',
                          {
                            title: document.title,
                          },
                        )}
                        title={t(document.archived ? 'action.unarchive' : 'action.archive')}
                        onClick={() => onArchive(document)}
                      >
                        <Icon name="archive" size={15} />
                        <span className="row-action-label">
                          {t(document.archived ? 'action.unarchive' : 'action.archive')}
                        </span>
                      </button>
                    )}
                    {abilities['document.delete'] && (
                      <button
                        type="button"
                        className="button button-danger-quiet button-small row-action-compact"
                        aria-label={t('documents.deleteNamed', { title: document.title })}
                        title={t('action.delete')}
                        onClick={() => onDelete(document)}
                      >
                        <Icon name="trash" size={15} />
                        <span className="row-action-label">{t('action.delete')}</span>
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
