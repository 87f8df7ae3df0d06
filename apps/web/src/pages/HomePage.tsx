// `/` when signed in: straight to the workspace you were last in (or your first). With no
// workspace at all, say how to get one.
import { useState } from 'react';
import { Navigate } from 'react-router-dom';
import { Icon } from '../components/Icon.tsx';
import { NewWorkspaceDialog } from '../components/NewWorkspaceDialog.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';
import { lastWorkspace } from '../state/lastWorkspace.ts';
import { useMe } from '../state/SessionProvider.tsx';

export function HomePage() {
  const t = useT();
  usePageTitle(t('home.title'));
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const workspaceId = lastWorkspace(me);
  if (workspaceId) return <Navigate to={`/w/${workspaceId}`} replace />;

  return (
    <div className="page">
      <PageHeader title={t('home.welcome', { name: me.user.displayName })}>
        <p>{t('home.noWorkspace')}</p>
      </PageHeader>
      <div className="empty-state">
        <p>{t('home.howToStart')}</p>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          <Icon name="plus" />
          {t('workspace.new')}
        </button>
      </div>
      <NewWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
