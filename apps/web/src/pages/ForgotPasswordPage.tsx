// "Forgot password?": asks for a reset link by e-mail. The answer is the same whether or not
// an account has the address, so the page never says which.
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { Field } from '../components/Field.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';

export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [sent, setSent] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      setSent((await api.askResetEmail(email.trim())).message);
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <AuthLayout
      title="Forgot password"
      intro="Enter the e-mail address of your account: we send a link to choose a new password."
      footer={
        <p>
          Remembered it? <Link to="/login">Log in</Link>
        </p>
      }
    >
      {sent ? (
        <Notice>{sent}</Notice>
      ) : (
        <form onSubmit={submit} className="stack">
          <Field
            label="Email"
            type="email"
            name="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
          />
          <ErrorAlert error={error} />
          <button type="submit" className="button button-primary button-block" disabled={pending}>
            {pending ? 'Sending…' : 'Send me a reset link'}
          </button>
        </form>
      )}
    </AuthLayout>
  );
}
