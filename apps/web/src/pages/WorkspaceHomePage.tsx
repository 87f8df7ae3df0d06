// A workspace's front page. The document list arrives with documents; for now it welcomes
// you and says who you are here.
import { Link } from 'react-router-dom';
import { Icon } from '../components/Icon.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RoleBadge } from '../components/RoleBadge.tsx';
import { ROLE_DESCRIPTIONS } from '../components/roles.ts';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useMe } from '../state/SessionProvider.tsx';
import { useWorkspace } from '../state/WorkspaceContext.tsx';

export function WorkspaceHomePage() {
  const { workspace } = useWorkspace();
  const me = useMe();
  usePageTitle(workspace.name);
  const firstName = me.user.displayName.split(/\s+/)[0];

  return (
    <div className="page">
      <PageHeader title={workspace.name} eyebrow="Workspace">
        <p className="role-line">
          Your role <RoleBadge role={workspace.role} />{' '}
          <span className="muted">{ROLE_DESCRIPTIONS[workspace.role]}</span>
        </p>
      </PageHeader>

      <section className="panel welcome" aria-labelledby="documents-heading">
        <div className="welcome-icon" aria-hidden="true">
          <Icon name="document" size={28} />
        </div>
        <h2 id="documents-heading">Documents will appear here</h2>
        <p>
          Welcome{firstName ? `, ${firstName}` : ''}. Articles imported into {workspace.name} —
          drafts before publication or published pieces to debunk — will be listed here, with their
          claims and verdicts.
        </p>
        {workspace.abilities['invite.create'] && (
          <Link to={`/w/${workspace.id}/members`} className="button button-secondary">
            <Icon name="users" />
            Invite your team
          </Link>
        )}
      </section>
    </div>
  );
}
