// Password reset links → API shapes. The secret is only ever in the answer that issues it.
import type { CreatedResetLink, ResetLinkPreview } from '@factdesk/model';
import type { IssuedResetLink } from '../commands/passwordResets.ts';
import type { PasswordResetRow } from '../queries/passwordResets.ts';

export function presentCreatedResetLink(link: IssuedResetLink): CreatedResetLink {
  return { userId: link.userId, token: link.token, expiresAt: link.expiresAt.toISOString() };
}

export function presentResetLinkPreview(row: PasswordResetRow): ResetLinkPreview {
  return {
    email: row.email,
    displayName: row.display_name,
    expiresAt: row.expires_at.toISOString(),
  };
}
