// Navigation within the current workspace and your account. On narrow screens it slides in
// under the top bar when the menu button opens it.
import type { WorkspaceSummary } from '@factdesk/model';
import { NavLink } from 'react-router-dom';
import { useT } from '../i18n/useT.ts';
import { Icon, type IconName } from './Icon.tsx';

function Item({
  to,
  icon,
  label,
  end,
}: {
  to: string;
  icon: IconName;
  label: string;
  end?: boolean;
}) {
  return (
    <li>
      <NavLink to={to} end={end} className="nav-link">
        <Icon name={icon} />
        {label}
      </NavLink>
    </li>
  );
}

export function SideNav({
  id,
  open,
  workspace,
}: {
  id: string;
  open: boolean;
  workspace: WorkspaceSummary | undefined;
}) {
  const t = useT();
  return (
    <nav id={id} className="sidenav" data-open={open} aria-label={t('nav.main')}>
      {workspace && (
        <section className="nav-section" aria-labelledby={`${id}-workspace`}>
          <h2 className="nav-heading" id={`${id}-workspace`}>
            {workspace.name}
          </h2>
          <ul>
            <Item to={`/w/${workspace.id}`} icon="document" label={t('nav.documents')} end />
            {workspace.abilities['claim.assign'] && (
              <Item to={`/w/${workspace.id}/board`} icon="board" label={t('nav.board')} />
            )}
            {workspace.abilities['dashboard.read'] && (
              <Item
                to={`/w/${workspace.id}/dashboard`}
                icon="clock"
                label={t('nav.timeToVerdict')}
              />
            )}
            <Item to={`/w/${workspace.id}/members`} icon="users" label={t('nav.members')} />
            {(workspace.abilities['workspace.update'] ||
              workspace.abilities['review.configureBlind']) && (
              <Item to={`/w/${workspace.id}/settings`} icon="settings" label={t('nav.settings')} />
            )}
          </ul>
        </section>
      )}
      <section className="nav-section" aria-labelledby={`${id}-account`}>
        <h2 className="nav-heading" id={`${id}-account`}>
          {t('nav.account')}
        </h2>
        <ul>
          <Item to="/queue" icon="inbox" label={t('nav.queue')} />
          <Item to="/settings/tokens" icon="key" label={t('nav.tokens')} />
          <Item to="/settings/password" icon="lock" label={t('nav.password')} />
        </ul>
      </section>
    </nav>
  );
}
