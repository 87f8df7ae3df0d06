// Which notifications come by e-mail (as digests), or none. The inbox always has them all.
import { NOTIFICATION_KINDS, type NotificationKind } from '@factdesk/model';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';
import { useResource } from '../state/useResource.ts';

export function NotificationSettingsPage() {
  const t = useT();
  usePageTitle(t('notifications.title'));
  const settings = useResource('notification-settings', () => api.notificationSettings());
  const [kinds, setKinds] = useState<Set<NotificationKind>>(new Set());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings.data) setKinds(new Set(settings.data.emailKinds));
  }, [settings.data]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setSaved(false);
    try {
      const answer = await api.saveNotificationSettings(
        NOTIFICATION_KINDS.filter((kind) => kinds.has(kind)),
      );
      setKinds(new Set(answer.emailKinds));
      setSaved(true);
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  function toggle(kind: NotificationKind, on: boolean) {
    setSaved(false);
    setKinds((current) => {
      const next = new Set(current);
      if (on) next.add(kind);
      else next.delete(kind);
      return next;
    });
  }

  return (
    <div className="page page-narrow">
      <PageHeader title={t('notifications.title')} eyebrow={t('notificationSettings.eyebrow')}>
        <p>{t('notificationSettings.intro')}</p>
      </PageHeader>
      <ErrorAlert error={settings.error} />
      {!settings.data && !settings.error && <Loading />}
      {settings.data && (
        <form onSubmit={save} className="panel stack">
          {!settings.data.emailAvailable && (
            <p className="muted">{t('notificationSettings.noSmtp')}</p>
          )}
          <fieldset className="stack">
            <legend>{t('notificationSettings.legend')}</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className="checkbox">
                <input
                  type="checkbox"
                  checked={kinds.has(kind)}
                  onChange={(event) => toggle(kind, event.target.checked)}
                />{' '}
                {t(`notificationSettings.kind.${kind}`)}
              </label>
            ))}
          </fieldset>
          <p className="muted">
            {t('notificationSettings.digest', { minutes: settings.data.digestMinutes })}
          </p>
          <ErrorAlert error={error} />
          {saved && (
            <Notice>
              {kinds.size === 0
                ? t('notificationSettings.savedNone')
                : t('notificationSettings.saved')}
            </Notice>
          )}
          <div>
            <button type="submit" className="button button-primary" disabled={pending}>
              {pending ? t('notificationSettings.saving') : t('notificationSettings.save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
