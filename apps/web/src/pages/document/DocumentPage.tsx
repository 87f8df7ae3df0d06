// The review workspace of one document: the shared article with everyone's edits, carets and
// claim highlights; the claim panel beside it (a drawer on narrow screens); the lock, the
// people in it, the connection and the export. `?claim=<id>` opens a claim.
import type {
  Claim,
  ClaimAnchor,
  DocumentSchema,
  Member,
  WorkspaceVerdictScale,
} from '@factdesk/model';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { ExportDialog } from '../../components/ExportDialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { ArticleEditor, type ArticleEditorHandle } from '../../editor/ArticleEditor.tsx';
import { useMe } from '../../state/SessionProvider.tsx';
import { useResource } from '../../state/useResource.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { DocumentHeader } from './DocumentHeader.tsx';
import { ClaimPanel } from './panel/ClaimPanel.tsx';
import { UnkeptTextDialog } from './UnkeptTextDialog.tsx';
import { useDocumentConnection } from './useDocumentConnection.ts';
import { useLiveClaims } from './useLiveClaims.ts';
import './document.css';
import { FormattedMessage } from 'react-intl';
import { useT } from '../../i18n/useT.ts';

interface Loaded {
  document: DocumentSchema;
  scale: WorkspaceVerdictScale['scale'];
  members: Member[];
}

export function DocumentPage() {
  const { documentId = '' } = useParams();
  const { workspace } = useWorkspace();
  const t = useT();
  const resource = useResource<Loaded>(`document:${documentId}`, async () => {
    const [document, scale, members] = await Promise.all([
      api.document(documentId),
      api.verdictScale(workspace.id),
      workspace.abilities['member.list'] ? api.members(workspace.id) : Promise.resolve([]),
    ]);
    return { document, scale: scale.scale, members };
  });

  if (resource.error) {
    return (
      <div className="page">
        <ErrorAlert error={resource.error} />
        <Link to={`/w/${workspace.id}`} className="button button-secondary">
          {t('document.back')}
        </Link>
      </div>
    );
  }
  if (!resource.data) return <Loading label={t('document.opening')} />;
  return <Workspace key={documentId} initial={resource.data} />;
}

function Workspace({ initial }: { initial: Loaded }) {
  const me = useMe();
  const t = useT();
  const { workspace } = useWorkspace();
  const [document, setDocument] = useState(initial.document);
  const [deleted, setDeleted] = useState(false);
  const mayEdit = document.abilities['document.edit'] === true && !deleted;
  const {
    connection,
    state: connectionState,
    unkept,
    dismissUnkept,
  } = useDocumentConnection(document.id, mayEdit);
  const live = useLiveClaims(document.id, connection, connectionState.synced);
  const [params, setParams] = useSearchParams();
  const selectedClaimId = params.get('claim');
  const [drawerOpen, setDrawerOpen] = useState(selectedClaimId !== null);
  const [exporting, setExporting] = useState(false);
  const [problem, setProblem] = useState<ApiError>();
  const editor = useRef<ArticleEditorHandle>(null);
  usePageTitle(document.title);

  // The lock, the metadata, archiving and deletion arrive as live events; abilities (which
  // depend on the lock) come with a fresh read.
  useEffect(
    () =>
      connection.onEvent((event) => {
        const type = (event as { type?: unknown }).type;
        if (type === 'document.deleted') setDeleted(true);
        if (type === 'document.updated') {
          api.document(document.id).then(setDocument, () => {});
        }
      }),
    [connection, document.id],
  );

  // Events sent while the socket was down (a lock, a new title) are not replayed: after each
  // reconnect (and on a fresh copy after a refusal) the document is read again, so the lock
  // and what the reader may do are current. The first sync follows the page's own read.
  const firstSync = useRef(true);
  useEffect(
    () =>
      connection.onSynced(() => {
        if (firstSync.current) {
          firstSync.current = false;
          return;
        }
        api.document(document.id).then(setDocument, () => {});
      }),
    [connection, document.id],
  );

  const select = useCallback(
    (claimId: string | null) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (claimId) next.set('claim', claimId);
          else next.delete('claim');
          return next;
        },
        { replace: true },
      );
      if (claimId) {
        setDrawerOpen(true);
        editor.current?.scrollToClaim(claimId);
      }
    },
    [setParams],
  );

  // Opened with ?claim=: bring its text into view once the text has arrived.
  const scrolledOnce = useRef(false);
  useEffect(() => {
    if (!connectionState.synced || !live.loaded || scrolledOnce.current || !selectedClaimId) return;
    scrolledOnce.current = true;
    requestAnimationFrame(() => editor.current?.scrollToClaim(selectedClaimId));
  }, [connectionState.synced, live.loaded, selectedClaimId]);

  const canCreate = document.abilities['claim.create'] === true;
  const createClaim = useCallback(
    async (anchor: ClaimAnchor) => {
      setProblem(undefined);
      try {
        const claim = await api.createClaim(document.id, { anchor });
        live.apply(claim);
        select(claim.id);
      } catch (error) {
        setProblem(ApiError.from(error));
      }
    },
    [document.id, live.apply, select],
  );

  const writable = mayEdit && connectionState.status !== 'closed';
  const onClaimChanged = useCallback((claim: Claim) => live.apply(claim), [live.apply]);
  const selectionAnchor = useCallback(() => editor.current?.selectionAnchor() ?? null, []);
  const open = useMemo(
    () => live.claims.filter((c) => c.status !== 'approved').length,
    [live.claims],
  );

  if (deleted) {
    return (
      <div className="page">
        <ErrorAlert>
          <p>{t('document.deletedByModerator')}</p>
        </ErrorAlert>
        <Link to={`/w/${workspace.id}`} className="button button-secondary">
          {t('document.back')}
        </Link>
      </div>
    );
  }

  return (
    <div className="review" data-drawer={drawerOpen}>
      <DocumentHeader
        document={document}
        onDocumentChanged={setDocument}
        awareness={connection.provider.awareness}
        myUserId={me.user.id}
        onExport={() => setExporting(true)}
      >
        <ConnectionBadge state={connectionState} writable={writable} />
      </DocumentHeader>

      <div className="review-body">
        <section className="review-article" aria-label={t('import.article')}>
          {problem && (
            <ErrorAlert error={problem}>
              <button type="button" className="link-button" onClick={() => setProblem(undefined)}>
                {t('action.dismiss')}
              </button>
            </ErrorAlert>
          )}
          {canCreate && (
            <p className="review-hint muted">
              <FormattedMessage
                id="document.hint"
                values={{
                  strong: (chunks) => <strong>{chunks}</strong>,
                  kbd: (chunks) => <kbd>{chunks}</kbd>,
                }}
              />
            </p>
          )}
          <ArticleEditor
            // A refused copy is replaced by a new Y.Doc: a new editor, mounted afresh on it.
            key={connection.doc.guid}
            ref={editor}
            connection={connection}
            writable={writable}
            claims={live.claims}
            scale={initial.scale}
            selectedClaimId={selectedClaimId}
            onClaimClick={select}
            onCreateClaim={canCreate ? createClaim : undefined}
            label={t('document.articleLabel', { title: document.title })}
          />
        </section>

        <button
          type="button"
          className="button button-secondary drawer-toggle"
          aria-expanded={drawerOpen}
          aria-controls="claim-panel"
          onClick={() => setDrawerOpen((value) => !value)}
        >
          <Icon name={drawerOpen ? 'close' : 'document'} />
          {drawerOpen
            ? t('document.closeClaims')
            : t('document.claimsToggle', { count: live.claims.length, open })}
        </button>

        <aside id="claim-panel" className="review-panel" aria-label={t('export.claims')}>
          <ErrorAlert error={live.error} />
          {live.loaded ? (
            <ClaimPanel
              documentId={document.id}
              workspaceId={workspace.id}
              claims={live.claims}
              selectedClaimId={selectedClaimId}
              onSelect={select}
              onClaimChanged={onClaimChanged}
              scale={initial.scale}
              members={initial.members}
              myUserId={me.user.id}
              selectionAnchor={selectionAnchor}
              subscribe={live.subscribe}
              subscribeLinks={live.subscribeLinks}
            />
          ) : (
            !live.error && <Loading label={t('document.loadingClaims')} />
          )}
        </aside>
      </div>

      <UnkeptTextDialog unkept={unkept} onClose={dismissUnkept} />

      <ExportDialog
        documentId={document.id}
        title={document.title}
        open={exporting}
        onClose={() => setExporting(false)}
      />
    </div>
  );
}
