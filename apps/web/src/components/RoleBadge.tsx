// A member's role as a small coloured label.
import type { Role } from '@factdesk/model';
import { useIntl } from 'react-intl';
import { roleLabel } from './roles.ts';

export function RoleBadge({ role }: { role: Role }) {
  const intl = useIntl();
  return <span className={`badge badge-${role}`}>{roleLabel(intl, role)}</span>;
}
