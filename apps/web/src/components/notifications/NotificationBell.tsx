// The inbox in the top bar: a bell with the unread count, and a popup listing your latest
// notifications, each a link to its claim (opening it marks it read), with "Mark all read".
// Each item is worded here, in the interface language, from the notification's facts.
// Keyboard: Tab to the bell, Enter opens, Tab through the items, Escape closes.
import { useCallback, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'react-router-dom';
import './notifications.css';
import { useT } from '../../i18n/useT.ts';
import { relativeTime } from '../../pages/documents/relativeTime.ts';
import { ErrorAlert } from '../Alert.tsx';
import { formatDateTime } from '../formatDate.ts';
import { Icon } from '../Icon.tsx';
import { useDismiss } from '../useDismiss.ts';
import { notificationSentence } from './notificationSentence.ts';
import { useNotificationInbox } from './useNotificationInbox.ts';

export function NotificationBell() {
  const intl = useIntl();
  const t = useT();
  const inbox = useNotificationInbox();
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const popupId = useId();
  const headingId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, container, trigger);
  const label = t('notifications.bellLabel', { unread: inbox.unread });

  return (
    <div className="menu notification-bell" ref={container}>
      <button
        ref={trigger}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={popupId}
        aria-label={label}
        title={label}
        onClick={() => setOpen(!open)}
      >
        <Icon name="bell" size={20} />
        {inbox.unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="unread-count">
            {inbox.unread > 99 ? '99+' : inbox.unread}
          </span>
        )}
      </button>
      {/* Announces new notifications to screen readers without moving focus. */}
      <span className="visually-hidden" aria-live="polite">
        {t('notifications.unreadLive', { unread: inbox.unread })}
      </span>
      {open && (
        <section
          className="menu-popup menu-popup-end inbox-popup"
          id={popupId}
          aria-labelledby={headingId}
        >
          <div className="inbox-header">
            <h2 id={headingId}>{t('notifications.title')}</h2>
            <button
              type="button"
              className="button button-small"
              onClick={() => void inbox.markAllRead()}
              disabled={inbox.unread === 0}
            >
              {t('notifications.markAllRead')}
            </button>
          </div>
          <ErrorAlert error={inbox.error} />
          {inbox.notifications === undefined && !inbox.error && (
            <p className="menu-empty">{t('notifications.loading')}</p>
          )}
          {inbox.notifications?.length === 0 && (
            <p className="menu-empty">{t('notifications.empty')}</p>
          )}
          {inbox.notifications && inbox.notifications.length > 0 && (
            <ul className="menu-list inbox-list">
              {inbox.notifications.map((notification) => {
                const sentence = notificationSentence(intl, notification);
                return (
                  <li
                    key={notification.id}
                    className={notification.readAt ? 'inbox-item' : 'inbox-item inbox-item-unread'}
                  >
                    <Link
                      to={notification.path}
                      className="menu-item inbox-link"
                      onClick={() => {
                        void inbox.markRead(notification);
                        close();
                      }}
                    >
                      {!notification.readAt && (
                        <span className="visually-hidden">{t('notifications.unreadPrefix')}</span>
                      )}
                      <span className="inbox-text">{sentence}</span>
                      <span className="inbox-meta">
                        {/* "Rail fares · 5 min ago": the catalog puts the separator. */}
                        <FormattedMessage
                          id="notifications.itemMeta"
                          values={{
                            document: (
                              <span className="inbox-document">{notification.documentTitle}</span>
                            ),
                            when: (
                              <time
                                className="inbox-time"
                                dateTime={notification.createdAt}
                                title={formatDateTime(intl, notification.createdAt)}
                              >
                                {relativeTime(intl, notification.createdAt)}
                              </time>
                            ),
                          }}
                        />
                      </span>
                    </Link>
                    {!notification.readAt && (
                      <button
                        type="button"
                        className="inbox-mark"
                        onClick={() => void inbox.markRead(notification)}
                      >
                        <Icon name="check" size={16} />
                        <span className="visually-hidden">
                          {t('notifications.markRead', { text: sentence })}
                        </span>
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          <div className="menu-separator" />
          <Link to="/settings/notifications" className="menu-item" onClick={close}>
            {t('notifications.emailSettings')}
          </Link>
        </section>
      )}
    </div>
  );
}
