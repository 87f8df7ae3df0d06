// Change your password. The server ends every other session and keeps this one.
import { PASSWORD_MIN_LENGTH } from '@factdesk/model';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { Field } from '../components/Field.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';

export function PasswordPage() {
  usePageTitle('Change password');
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const mismatch = confirmation !== '' && confirmation !== newPassword;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mismatch) return;
    setPending(true);
    setError(undefined);
    setDone(false);
    try {
      await api.changePassword({ currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      setDone(true);
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="page page-narrow">
      <PageHeader title="Change password" eyebrow="Account">
        <p>Changing your password logs you out everywhere else.</p>
      </PageHeader>
      <form onSubmit={submit} className="panel stack">
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          invalid={error?.field === 'currentPassword'}
          required
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          invalid={error?.field === 'newPassword'}
          minLength={PASSWORD_MIN_LENGTH}
          required
        />
        <Field
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.target.value)}
          hint={mismatch ? 'The two new passwords differ.' : undefined}
          invalid={mismatch}
          required
        />
        <ErrorAlert error={error} />
        <Notice>
          {done && 'Your password was changed. Other devices and browsers were logged out.'}
        </Notice>
        <div>
          <button type="submit" className="button button-primary" disabled={pending || mismatch}>
            {pending ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </div>
  );
}
