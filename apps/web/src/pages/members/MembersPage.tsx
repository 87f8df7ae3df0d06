// /w/:workspaceId/members — who is in the workspace. Owners (by the server's abilities, not
// by role) also change roles, remove members and manage invite links.

import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/useT.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';
import { InvitesSection } from './InvitesSection.tsx';
import { MembersSection } from './MembersSection.tsx';

export function MembersPage() {
  const { workspace } = useWorkspace();
  const t = useT();
  usePageTitle(t('nav.members'), workspace.name);
  const { abilities } = workspace;

  return (
    <div className="page">
      <PageHeader title={t('nav.members')} eyebrow={workspace.name}>
        <p>{abilities['member.changeRole'] ? t('members.intro.owner') : t('members.intro')}</p>
      </PageHeader>
      <MembersSection workspace={workspace} />
      {(abilities['invite.create'] || abilities['invite.list']) && (
        <InvitesSection workspace={workspace} />
      )}
    </div>
  );
}
