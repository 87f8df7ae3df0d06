// How roles read in the interface. What a role may do is decided by the server (abilities);
// these sentences only describe it.
import type { Role } from '@factdesk/model';
import type { IntlShape } from 'react-intl';

export function roleLabel(intl: IntlShape, role: Role): string {
  return intl.formatMessage({ id: `role.${role}` });
}

export function roleDescription(intl: IntlShape, role: Role): string {
  return intl.formatMessage({ id: `role.${role}.description` });
}
