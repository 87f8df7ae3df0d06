// "New password" and "Repeat the new password", with the signup rule's hint and a mismatch
// check, for every form that sets a password (change password, reset link).
import { PASSWORD_MIN_LENGTH } from '@factdesk/model';
import { useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { Field } from './Field.tsx';

export interface NewPassword {
  password: string;
  confirmation: string;
  setPassword(value: string): void;
  setConfirmation(value: string): void;
  /** The repeat is filled in and differs: the form must not be sent. */
  mismatch: boolean;
  clear(): void;
}

export function useNewPassword(): NewPassword {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  return {
    password,
    confirmation,
    setPassword,
    setConfirmation,
    mismatch: confirmation !== '' && confirmation !== password,
    clear() {
      setPassword('');
      setConfirmation('');
    },
  };
}

export function NewPasswordFields({
  state,
  invalid,
}: {
  state: NewPassword;
  /** The server refused the new password (its error names the field). */
  invalid?: boolean;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t('password.new')}
        type="password"
        autoComplete="new-password"
        value={state.password}
        onChange={(event) => state.setPassword(event.target.value)}
        hint={t('password.rule', { min: PASSWORD_MIN_LENGTH })}
        invalid={invalid}
        minLength={PASSWORD_MIN_LENGTH}
        required
      />
      <Field
        label={t('password.repeat')}
        type="password"
        autoComplete="new-password"
        value={state.confirmation}
        onChange={(event) => state.setConfirmation(event.target.value)}
        hint={state.mismatch ? t('password.mismatch') : undefined}
        invalid={state.mismatch}
        required
      />
    </>
  );
}
