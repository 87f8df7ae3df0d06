// /w/:workspaceId/members — who is in the workspace. Owners (by the server's abilities, not
// by role) also change roles, remove members and manage invite links.

import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';
import { InvitesSection } from './InvitesSection.tsx';
import { MembersSection } from './MembersSection.tsx';

export function MembersPage() {
  const { workspace } = useWorkspace();
  usePageTitle('Members', workspace.name);
  const { abilities } = workspace;

  return (
    <div className="page">
      <PageHeader title="Members" eyebrow={workspace.name}>
        <p>
          {abilities['member.changeRole']
            ? 'Everyone in this workspace and their role. Roles decide who imports, reviews, approves and exports.'
            : 'Everyone in this workspace and their role. Owners manage members and invites.'}
        </p>
      </PageHeader>
      <MembersSection workspace={workspace} />
      {(abilities['invite.create'] || abilities['invite.list']) && (
        <InvitesSection workspace={workspace} />
      )}
    </div>
  );
}
