// What an invite offers, in one sentence: the workspace, the role and until when.
import type { InvitePreview } from '@factdesk/model';
import { formatDateTime } from './formatDate.ts';
import { RoleBadge } from './RoleBadge.tsx';
import { article, ROLE_DESCRIPTIONS } from './roles.ts';

export function InviteSummary({ preview }: { preview: InvitePreview }) {
  return (
    <div className="invite-summary">
      <p>
        You are invited to join <strong>{preview.workspaceName}</strong> as {article(preview.role)}{' '}
        <RoleBadge role={preview.role} />
      </p>
      <p className="muted">
        {ROLE_DESCRIPTIONS[preview.role]} The link expires {formatDateTime(preview.expiresAt)}.
      </p>
    </div>
  );
}
