// The rows of the document list: title and source, claim progress, who is in it now, last
// activity, and the actions the workspace abilities allow (export, archive, delete).
import type { DocumentListItem, VerdictScale, Workspace } from '@factdesk/model';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../components/formatDate.ts';
import { Icon } from '../../components/Icon.tsx';
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

function sourceLine(document: DocumentListItem): string {
  return [
    document.outlet,
    document.author && `by ${document.author}`,
    document.publishedAt && formatDate(document.publishedAt),
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
  return (
    <div className="table-wrap">
      <table className="table documents-table">
        <thead>
          <tr>
            <th scope="col">Document</th>
            <th scope="col">Claims</th>
            <th scope="col">Open now</th>
            <th scope="col">Last activity</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => {
            const source = sourceLine(document);
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
                        <span className="flag" title="The source text cannot be edited">
                          <Icon name="lock" size={13} />
                          Text locked
                        </span>
                      )}
                      {document.archived && (
                        <span className="flag">
                          <Icon name="archive" size={13} />
                          Archived
                        </span>
                      )}
                    </span>
                  )}
                </th>
                <td data-label="Claims" className="claims-cell">
                  <ClaimProgress counts={document.claimCounts} scale={scale} />
                </td>
                <td data-label="Open now">
                  <PresenceAvatars people={document.present} />
                </td>
                <td data-label="Last activity" className="cell-muted nowrap">
                  <time
                    dateTime={document.lastActivityAt}
                    title={formatDateTime(document.lastActivityAt)}
                  >
                    {relativeTime(document.lastActivityAt)}
                  </time>
                </td>
                <td className="cell-actions">
                  <span className="row-actions">
                    {abilities['report.export'] && (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`Export “${document.title}”`}
                        onClick={() => onExport(document)}
                      >
                        <Icon name="download" size={15} />
                        Export
                      </button>
                    )}
                    {abilities['document.archive'] && (
                      <button
                        type="button"
                        className="button button-secondary button-small row-action-compact"
                        aria-label={`${document.archived ? 'Unarchive' : 'Archive'} “${document.title}”`}
                        title={document.archived ? 'Unarchive' : 'Archive'}
                        onClick={() => onArchive(document)}
                      >
                        <Icon name="archive" size={15} />
                        <span className="row-action-label">
                          {document.archived ? 'Unarchive' : 'Archive'}
                        </span>
                      </button>
                    )}
                    {abilities['document.delete'] && (
                      <button
                        type="button"
                        className="button button-danger-quiet button-small row-action-compact"
                        aria-label={`Delete “${document.title}”`}
                        title="Delete"
                        onClick={() => onDelete(document)}
                      >
                        <Icon name="trash" size={15} />
                        <span className="row-action-label">Delete</span>
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
