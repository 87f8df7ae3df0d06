// /w/:workspaceId — the workspace's documents: claim progress, who is in each now, search and
// filters kept in the address, and for moderators import, archive and delete.
import type { DocumentListItem } from '@factdesk/model';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert, Notice } from '../../components/Alert.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ExportDialog } from '../../components/ExportDialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { roleDescription } from '../../components/roles.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useMe } from '../../state/SessionProvider.tsx';
import { useLiveRefresh } from '../../state/useLiveRefresh.ts';
import { useResource } from '../../state/useResource.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';
import { DocumentsTable } from './DocumentsTable.tsx';
import { ImportDocumentDialog } from './ImportDocumentDialog.tsx';
import './documents.css';
import { useIntl } from 'react-intl';
import { useT } from '../../i18n/useT.ts';

const SEARCH_DELAY_MS = 300;

/** Claims not approved yet: the work still to do in a document. */
export function openClaims(document: DocumentListItem): number {
  return document.claimCounts.total - (document.claimCounts.byStatus.approved ?? 0);
}

export function DocumentsPage() {
  const { workspace } = useWorkspace();
  const t = useT();
  usePageTitle(t('nav.documents'), workspace.name);
  const { abilities } = workspace;
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const archived = params.get('archived') === '1';
  const withOpenClaims = params.get('open') === '1';
  const [draft, setDraft] = useState(q);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState<DocumentListItem>();
  const [deleting, setDeleting] = useState<DocumentListItem>();
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState('');
  const ids = useId();

  const documents = useResource(`documents:${workspace.id}:${archived}:${q}`, () =>
    api.documents(workspace.id, { q: q || undefined, archived }),
  );
  const scale = useResource(`verdict-scale:${workspace.id}`, () => api.verdictScale(workspace.id));
  // Claim counts, titles, who is in each document and the list itself follow colleagues live.
  useLiveRefresh(workspace.id, documents.refresh);

  function setParam(name: string, value: string | undefined) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  }

  // Typing searches once the person pauses; the address keeps the search for reloads and links.
  // biome-ignore lint/correctness/useExhaustiveDependencies: setParam is stable in effect
  useEffect(() => {
    const wanted = draft.trim();
    if (wanted === q) return;
    const timer = setTimeout(() => setParam('q', wanted || undefined), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, q]);

  // Back and forward change the address under the box: follow it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the address changes
  useEffect(() => {
    if (draft.trim() !== q) setDraft(q);
  }, [q]);

  async function setArchived(item: DocumentListItem, value: boolean) {
    setError(undefined);
    setNotice('');
    try {
      await (value ? api.archiveDocument(item.id) : api.unarchiveDocument(item.id));
      documents.update((list) => list.filter((d) => d.id !== item.id));
      setNotice(t(value ? 'documents.archived' : 'documents.unarchived', { title: item.title }));
    } catch (caught) {
      setError(ApiError.from(caught));
    }
  }

  async function remove(item: DocumentListItem) {
    await api.deleteDocument(item.id);
    documents.update((list) => list.filter((d) => d.id !== item.id));
    setNotice(t('documents.deleted', { title: item.title }));
  }

  // While a new search loads, the previous answer stays on screen instead of flashing away.
  const lastAnswer = useRef<DocumentListItem[]>(undefined);
  if (documents.data) lastAnswer.current = documents.data;
  const all = documents.data ?? (documents.error ? undefined : lastAnswer.current);
  const shown = all && (withOpenClaims ? all.filter((d) => openClaims(d) > 0) : all);
  const filtered = q !== '' || withOpenClaims;

  return (
    <div className="page page-wide documents-page">
      <div className="documents-header">
        <PageHeader title={t('nav.documents')} eyebrow={workspace.name}>
          <p>{t('documents.intro')}</p>
        </PageHeader>
        {abilities['document.import'] && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => setImporting(true)}
          >
            <Icon name="upload" />
            {t('documents.import')}
          </button>
        )}
      </div>

      <search aria-label={t('documents.find')}>
        <form
          className="documents-toolbar"
          onSubmit={(event) => {
            // Enter searches at once instead of waiting for the pause.
            event.preventDefault();
            setParam('q', draft.trim() || undefined);
          }}
        >
          <div className="field documents-search">
            <label htmlFor={`${ids}-q`}>{t('documents.search')}</label>
            <div className="search-input">
              <Icon name="search" />
              <input
                id={`${ids}-q`}
                type="search"
                value={draft}
                onChange={(event) => setDraft(event.target.value)}
                placeholder={t('documents.search.placeholder')}
                maxLength={200}
                autoComplete="off"
              />
            </div>
          </div>
          <div className="field documents-show">
            <label htmlFor={`${ids}-archived`}>{t('documents.show')}</label>
            <select
              id={`${ids}-archived`}
              value={archived ? 'archived' : 'active'}
              onChange={(event) =>
                setParam('archived', event.target.value === 'archived' ? '1' : undefined)
              }
            >
              <option value="active">{t('documents.active')}</option>
              <option value="archived">{t('documents.archivedList')}</option>
            </select>
          </div>
          <label className="check documents-open">
            <input
              type="checkbox"
              checked={withOpenClaims}
              onChange={(event) => setParam('open', event.target.checked ? '1' : undefined)}
            />
            {t('documents.hasOpenClaims')}
            <span className="muted">{t('documents.hasOpenClaims.hint')}</span>
          </label>
        </form>
      </search>

      <ErrorAlert error={documents.error ?? error} />
      <Notice>{notice}</Notice>
      {documents.loading && !all && <Loading label={t('documents.loading')} />}

      {shown && shown.length > 0 && (
        <section className="panel documents-panel" aria-labelledby={`${ids}-list`}>
          <div className="panel-header">
            <h2 id={`${ids}-list`} className="visually-hidden">
              {archived ? t('documents.archivedList') : t('documents.active')}
            </h2>
            <span className="count" role="status">
              {q
                ? t('documents.countMatching', { count: shown.length, q })
                : t('documents.count', { count: shown.length })}
            </span>
          </div>
          <DocumentsTable
            workspaceId={workspace.id}
            documents={shown}
            scale={scale.data?.scale}
            abilities={abilities}
            onExport={setExporting}
            onArchive={(item) => void setArchived(item, !item.archived)}
            onDelete={setDeleting}
          />
        </section>
      )}

      {shown && shown.length === 0 && (filtered || archived) && (
        <section className="panel empty-state documents-empty">
          <p role="status">
            {archived && !filtered
              ? t('documents.noneArchived')
              : t('documents.noneMatching', {
                  archived,
                  hasQuery: q !== '',
                  q,
                  open: withOpenClaims,
                })}
          </p>
          {filtered && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setDraft('');
                setParams(archived ? { archived: '1' } : {}, { replace: true });
              }}
            >
              {t('documents.clearFilters')}
            </button>
          )}
        </section>
      )}

      {shown && shown.length === 0 && !filtered && !archived && (
        <NoDocumentsYet onImport={() => setImporting(true)} />
      )}

      <ImportDocumentDialog
        workspaceId={workspace.id}
        open={importing}
        onClose={() => setImporting(false)}
      />
      <ExportDialog
        documentId={exporting?.id ?? ''}
        title={exporting?.title ?? ''}
        open={exporting !== undefined}
        onClose={() => setExporting(undefined)}
      />
      <ConfirmDialog
        open={deleting !== undefined}
        title={t('documents.deleteTitle', { title: deleting?.title ?? '' })}
        confirmLabel={t('documents.deleteConfirm')}
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (deleting) await remove(deleting);
        }}
      >
        <p>{t('documents.deleteBody', { title: deleting?.title ?? '' })}</p>
      </ConfirmDialog>
    </div>
  );
}

/** A new workspace's front page: who you are here and how to begin. */
function NoDocumentsYet({ onImport }: { onImport: () => void }) {
  const { workspace } = useWorkspace();
  const me = useMe();
  const intl = useIntl();
  const t = useT();
  const firstName = me.user.displayName.split(/\s+/)[0];
  return (
    <section className="panel welcome" aria-labelledby="documents-empty-heading">
      <div className="welcome-icon" aria-hidden="true">
        <Icon name="document" size={28} />
      </div>
      <h2 id="documents-empty-heading">{t('documents.noneYet')}</h2>
      <p className="role-line">
        {t('documents.yourRole')} <RoleBadge role={workspace.role} />{' '}
        <span className="muted">{roleDescription(intl, workspace.role)}</span>
      </p>
      <p>
        {t('documents.welcome', {
          hasName: Boolean(firstName),
          name: firstName ?? '',
          workspace: workspace.name,
        })}
        {!workspace.abilities['document.import'] && ` ${t('documents.moderatorImports')}`}
      </p>
      <div className="welcome-actions">
        {workspace.abilities['document.import'] && (
          <button type="button" className="button button-primary" onClick={onImport}>
            <Icon name="upload" />
            {t('documents.importAn')}
          </button>
        )}
        {workspace.abilities['invite.create'] && (
          <Link to={`/w/${workspace.id}/members`} className="button button-secondary">
            <Icon name="users" />
            {t('documents.inviteTeam')}
          </Link>
        )}
      </div>
    </section>
  );
}
