// The top bar's workspace picker: your workspaces (from GET /api/me) and "New workspace".
// A disclosure (button + list of links), which keyboards and screen readers handle natively.
import { useCallback, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useT } from '../i18n/useT.ts';
import { useMe } from '../state/SessionProvider.tsx';
import { Icon } from './Icon.tsx';
import { NewWorkspaceDialog } from './NewWorkspaceDialog.tsx';
import { RoleBadge } from './RoleBadge.tsx';
import { useDismiss } from './useDismiss.ts';

export function WorkspaceSwitcher({ currentId }: { currentId: string | undefined }) {
  const me = useMe();
  const t = useT();
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const popupId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, container, trigger);

  const current = me.workspaces.find((workspace) => workspace.id === currentId);

  return (
    <div className="menu switcher" ref={container}>
      <button
        ref={trigger}
        type="button"
        className="switcher-button"
        aria-expanded={open}
        aria-controls={popupId}
        onClick={() => setOpen(!open)}
      >
        <span className="visually-hidden">{t('switcher.workspacePrefix')} </span>
        <span className="switcher-name">{current?.name ?? t('switcher.workspaces')}</span>
        <Icon name="chevron" size={16} />
      </button>
      {open && (
        <div className="menu-popup menu-popup-start" id={popupId}>
          <p className="menu-label" id={`${popupId}-label`}>
            {t('switcher.yours')}
          </p>
          {me.workspaces.length === 0 ? (
            <p className="menu-empty">{t('switcher.none')}</p>
          ) : (
            <ul className="menu-list" aria-labelledby={`${popupId}-label`}>
              {me.workspaces.map((workspace) => (
                <li key={workspace.id}>
                  <Link
                    to={`/w/${workspace.id}`}
                    className="menu-item"
                    aria-current={workspace.id === currentId ? 'page' : undefined}
                    onClick={close}
                  >
                    <span className="menu-item-text">{workspace.name}</span>
                    <RoleBadge role={workspace.role} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="menu-separator" />
          <button
            type="button"
            className="menu-item"
            onClick={() => {
              close();
              setCreating(true);
            }}
          >
            <Icon name="plus" />
            {t('workspace.new')}
          </button>
        </div>
      )}
      <NewWorkspaceDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
