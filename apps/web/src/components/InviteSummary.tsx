// What an invite offers, in one sentence: the workspace, the role and until when.
import type { InvitePreview } from '@factdesk/model';
import { FormattedMessage, useIntl } from 'react-intl';
import { formatDateTime } from './formatDate.ts';
import { RoleBadge } from './RoleBadge.tsx';
import { roleDescription } from './roles.ts';

export function InviteSummary({ preview }: { preview: InvitePreview }) {
  const intl = useIntl();
  return (
    <div className="invite-summary">
      <p>
        <FormattedMessage
          id="invite.summary"
          values={{
            workspace: preview.workspaceName,
            strong: (chunks) => <strong>{chunks}</strong>,
            badge: <RoleBadge role={preview.role} />,
          }}
        />
      </p>
      <p className="muted">
        {roleDescription(intl, preview.role)}{' '}
        {intl.formatMessage(
          { id: 'invite.expires' },
          { date: formatDateTime(intl, preview.expiresAt) },
        )}
      </p>
    </div>
  );
}
