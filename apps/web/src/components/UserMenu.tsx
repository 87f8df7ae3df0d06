// The account menu: who you are, your API tokens, your password, the interface language
// (stored on your account, applied at once) and logging out.

import { LOCALES, type Locale } from '@factdesk/model';
import { useCallback, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { LOCALE_NAMES } from '../i18n/catalogs.ts';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useT } from '../i18n/useT.ts';
import { useMe, useSession } from '../state/SessionProvider.tsx';
import { ErrorAlert } from './Alert.tsx';
import { Icon } from './Icon.tsx';
import { useDismiss } from './useDismiss.ts';

function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [name.slice(0, 2)];
  return letters
    .map((word) => word?.[0] ?? '')
    .join('')
    .toUpperCase();
}

export function UserMenu() {
  const me = useMe();
  const session = useSession();
  const navigate = useNavigate();
  const t = useT();
  const { locale, changeLocale } = useLocale();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ApiError>();
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const popupId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, container, trigger);

  async function logOut() {
    setError(undefined);
    try {
      await session.logOut();
      navigate('/login', { replace: true });
    } catch (caught) {
      setError(ApiError.from(caught));
    }
  }

  async function pickLocale(next: Locale) {
    setError(undefined);
    try {
      await changeLocale(next);
    } catch (caught) {
      setError(ApiError.from(caught));
    }
  }

  return (
    <div className="menu" ref={container}>
      <button
        ref={trigger}
        type="button"
        className="user-button"
        aria-expanded={open}
        aria-controls={popupId}
        onClick={() => setOpen(!open)}
      >
        <span className="avatar" aria-hidden="true">
          {initials(me.user.displayName)}
        </span>
        <span className="user-name">
          <span className="visually-hidden">{t('userMenu.accountPrefix')} </span>
          {me.user.displayName}
        </span>
        <Icon name="chevron" size={16} />
      </button>
      {open && (
        <div className="menu-popup menu-popup-end" id={popupId}>
          <div className="menu-identity">
            <strong>{me.user.displayName}</strong>
            <span>{me.user.email}</span>
          </div>
          <div className="menu-separator" />
          <Link to="/settings/tokens" className="menu-item" onClick={close}>
            <Icon name="key" />
            {t('nav.tokens')}
          </Link>
          <Link to="/settings/password" className="menu-item" onClick={close}>
            <Icon name="lock" />
            {t('userMenu.changePassword')}
          </Link>
          <Link to="/settings/notifications" className="menu-item" onClick={close}>
            <Icon name="bell" />
            {t('notifications.title')}
          </Link>
          <div className="menu-separator" />
          <p className="menu-label" id={`${popupId}-language`}>
            {t('userMenu.language')}
          </p>
          <ul className="menu-list" aria-labelledby={`${popupId}-language`}>
            {LOCALES.map((option) => (
              <li key={option}>
                <button
                  type="button"
                  className="menu-item"
                  lang={option}
                  aria-pressed={locale === option}
                  onClick={() => void pickLocale(option)}
                >
                  <span className="menu-item-text">{LOCALE_NAMES[option]}</span>
                  {locale === option && <Icon name="check" />}
                </button>
              </li>
            ))}
          </ul>
          <div className="menu-separator" />
          <button type="button" className="menu-item" onClick={logOut}>
            <Icon name="logout" />
            {t('userMenu.logOut')}
          </button>
          {error && (
            <div className="menu-error">
              <ErrorAlert error={error} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}
