// The pieces every account form shares (log in, sign up, forgotten password): the e-mail
// field as browsers and password managers expect it, and the form's one wide submit button.
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { Field } from './Field.tsx';

export function EmailField(props: {
  value: string;
  onChange(email: string): void;
  /** The server named the address as the problem. */
  invalid?: boolean;
  maxLength?: number;
}) {
  const t = useT();
  return (
    <Field
      label={t('account.email')}
      type="email"
      name="email"
      autoComplete="email"
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      invalid={props.invalid}
      maxLength={props.maxLength}
      required
    />
  );
}

/** The form's submit button, disabled and saying so while its request runs. */
export function SubmitButton(props: {
  pending: boolean;
  pendingLabel: string;
  children: ReactNode;
}) {
  return (
    <button type="submit" className="button button-primary button-block" disabled={props.pending}>
      {props.pending ? props.pendingLabel : props.children}
    </button>
  );
}
