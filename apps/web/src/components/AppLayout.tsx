// The signed-in shell: top bar, side navigation and the page. Anyone not signed in is sent
// to /login, with the page they wanted kept in `next`.
import { Suspense, useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useMatch } from 'react-router-dom';
import { useT } from '../i18n/useT.ts';
import { lastWorkspace } from '../state/lastWorkspace.ts';
import { useMe, useSession } from '../state/SessionProvider.tsx';
import { ErrorAlert } from './Alert.tsx';
import { Brand } from './Brand.tsx';
import { Icon } from './Icon.tsx';
import { Loading } from './Loading.tsx';
import { NotificationBell } from './notifications/NotificationBell.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SideNav } from './SideNav.tsx';
import { UserMenu } from './UserMenu.tsx';
import { WorkspaceSwitcher } from './WorkspaceSwitcher.tsx';

export function AppLayout() {
  const { state, refresh } = useSession();
  const location = useLocation();
  const t = useT();

  if (state.status === 'loading') {
    return (
      <div className="fullpage">
        <Loading />
      </div>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <div className="fullpage">
        <div className="card">
          <h1>{t('app.unavailable')}</h1>
          <ErrorAlert error={state.error} />
          <button type="button" className="button button-primary" onClick={() => void refresh()}>
            {t('action.tryAgain')}
          </button>
        </div>
      </div>
    );
  }
  if (state.status === 'anonymous') {
    const here = location.pathname + location.search;
    const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return <Shell />;
}

const NAV_ID = 'sidenav';

function Shell() {
  const me = useMe();
  const location = useLocation();
  const t = useT();
  const [navOpen, setNavOpen] = useState(false);
  const routeWorkspaceId = useMatch('/w/:workspaceId/*')?.params.workspaceId;
  const currentId = routeWorkspaceId ?? lastWorkspace(me);
  const current = me.workspaces.find((workspace) => workspace.id === currentId);

  // A narrow screen's menu closes once you have picked where to go.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only
  useEffect(() => setNavOpen(false), [location.pathname]);

  useEffect(() => {
    if (!navOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setNavOpen(false);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navOpen]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={navOpen}
          aria-controls={NAV_ID}
          onClick={() => setNavOpen(!navOpen)}
        >
          <Icon name={navOpen ? 'close' : 'menu'} size={20} />
          <span className="visually-hidden">{t('app.menu')}</span>
        </button>
        {/* Named by what it shows, "Factdesk", then where it goes (WCAG 2.5.3). */}
        <Link to="/" className="brand-link">
          <Brand />
          <span className="visually-hidden"> {t('app.home')}</span>
        </Link>
        <WorkspaceSwitcher currentId={current?.id} />
        <div className="topbar-spacer" />
        {current && <SearchBox workspaceId={current.id} />}
        <NotificationBell />
        <UserMenu />
      </header>
      <div className="shell">
        <SideNav id={NAV_ID} open={navOpen} workspace={current} />
        {navOpen && (
          <button
            type="button"
            className="nav-scrim"
            tabIndex={-1}
            aria-label={t('app.closeMenu')}
            onClick={() => setNavOpen(false)}
          />
        )}
        <main id="main" className="main" tabIndex={-1}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
