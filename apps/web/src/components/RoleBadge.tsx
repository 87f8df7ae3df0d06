// A member's role as a small coloured label.
import type { Role } from '@factdesk/model';
import { ROLE_LABELS } from './roles.ts';

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge badge-${role}`}>{ROLE_LABELS[role]}</span>;
}
