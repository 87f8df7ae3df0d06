// `/` when signed in: straight to the workspace you were last in (or your first). With no
// workspace at all, say how to get one.
import { useState } from 'react';
import { Navigate } from 'react-router-dom';
import { Icon } from '../components/Icon.tsx';
import { NewWorkspaceDialog } from '../components/NewWorkspaceDialog.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { lastWorkspace } from '../state/lastWorkspace.ts';
import { useMe } from '../state/SessionProvider.tsx';

export function HomePage() {
  usePageTitle('Home');
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const workspaceId = lastWorkspace(me);
  if (workspaceId) return <Navigate to={`/w/${workspaceId}`} replace />;

  return (
    <div className="page">
      <PageHeader title={`Welcome, ${me.user.displayName}`}>
        <p>You are not a member of any workspace yet.</p>
      </PageHeader>
      <div className="empty-state">
        <p>
          Ask a workspace owner for an invite link, or start a workspace of your own and invite your
          team.
        </p>
        <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
          <Icon name="plus" />
          New workspace
        </button>
      </div>
      <NewWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
