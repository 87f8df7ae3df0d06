// Loads the workspace of /w/:workspaceId (your role and abilities included) for the pages
// inside it, and remembers it as the one you were last in.
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useParams } from 'react-router-dom';
import { api } from '../api/api.ts';
import { useT } from '../i18n/useT.ts';
import { rememberWorkspace } from '../state/lastWorkspace.ts';
import { useMe, useSession } from '../state/SessionProvider.tsx';
import { useResource } from '../state/useResource.ts';
import { WorkspaceContext } from '../state/WorkspaceContext.tsx';
import { ErrorAlert } from './Alert.tsx';
import { Loading } from './Loading.tsx';
import { PageHeader } from './PageHeader.tsx';

export function WorkspaceLayout() {
  const { workspaceId = '' } = useParams();
  const resource = useResource(`workspace:${workspaceId}`, () => api.workspace(workspaceId));
  const workspace = resource.data;
  const me = useMe();
  const { refresh } = useSession();
  const t = useT();
  const listed = me.workspaces.some((summary) => summary.id === workspaceId);

  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.id);
  }, [workspace]);

  // Joined elsewhere (another tab, the command line): the switcher and navigation need the
  // fresh list from GET /api/me.
  useEffect(() => {
    if (workspace && !listed) void refresh();
  }, [workspace, listed, refresh]);

  if (resource.error) {
    // 404 (and 400 for a malformed id): the server never says whether a workspace you are
    // not a member of exists.
    if (resource.error.status === 404 || resource.error.status === 400) {
      return (
        <div className="page">
          <PageHeader title={t('workspace.notFound')}>
            <p>{t('workspace.notFound.why')}</p>
          </PageHeader>
          <Link to="/" className="button button-secondary">
            {t('workspace.goToYours')}
          </Link>
        </div>
      );
    }
    return (
      <div className="page">
        <ErrorAlert error={resource.error} />
        <button type="button" className="button button-secondary" onClick={resource.reload}>
          {t('action.tryAgain')}
        </button>
      </div>
    );
  }
  if (!workspace) return <Loading label={t('workspace.loading')} />;

  return (
    <WorkspaceContext.Provider
      value={{
        workspace,
        replace: (next) => resource.update(() => next),
        reload: resource.reload,
      }}
    >
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </WorkspaceContext.Provider>
  );
}
