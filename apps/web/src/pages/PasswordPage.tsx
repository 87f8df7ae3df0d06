// Change your password. The server ends every other session and keeps this one.
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { Field } from '../components/Field.tsx';
import { NewPasswordFields, useNewPassword } from '../components/NewPasswordFields.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';

export function PasswordPage() {
  const t = useT();
  usePageTitle(t('userMenu.changePassword'));
  const [currentPassword, setCurrentPassword] = useState('');
  const newPassword = useNewPassword();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (newPassword.mismatch) return;
    setPending(true);
    setError(undefined);
    setDone(false);
    try {
      await api.changePassword({ currentPassword, newPassword: newPassword.password });
      setCurrentPassword('');
      newPassword.clear();
      setDone(true);
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="page page-narrow">
      <PageHeader title={t('userMenu.changePassword')} eyebrow={t('nav.account')}>
        <p>{t('password.change.intro')}</p>
      </PageHeader>
      <form onSubmit={submit} className="panel stack">
        <Field
          label={t('password.current')}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          invalid={error?.field === 'currentPassword'}
          required
        />
        <NewPasswordFields state={newPassword} invalid={error?.field === 'newPassword'} />
        <ErrorAlert error={error} />
        <Notice>{done && t('password.changed')}</Notice>
        <div>
          <button
            type="submit"
            className="button button-primary"
            disabled={pending || newPassword.mismatch}
          >
            {pending ? t('password.changing') : t('userMenu.changePassword')}
          </button>
        </div>
      </form>
    </div>
  );
}
