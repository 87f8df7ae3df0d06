// Log in with email and password. Wrong credentials (401) and throttling (429) are shown as
// the server's sentence.
import { type FormEvent, useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { EmailField, SubmitButton } from '../components/AccountFields.tsx';
import { ErrorAlert } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { Field } from '../components/Field.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { safeNext } from './safeNext.ts';

export function LoginPage() {
  const t = useT();
  usePageTitle(t('login.title'));
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  // "Forgot password?" by e-mail only where the server sends e-mail (SMTP_URL).
  const [resetByEmail, setResetByEmail] = useState(false);
  useEffect(() => {
    api.resetByEmailAvailable().then(
      (answer) => setResetByEmail(answer.available),
      () => setResetByEmail(false),
    );
  }, []);

  if (session.state.status === 'signedIn' && !pending) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      session.signedIn(await api.logIn({ email: email.trim(), password }));
      navigate(next, { replace: true });
    } catch (caught) {
      setError(ApiError.from(caught));
      setPending(false);
    }
  }

  return (
    <AuthLayout
      title={t('login.title')}
      footer={
        <p>
          <FormattedMessage
            id="login.newHere"
            values={{ link: (chunks) => <Link to="/signup">{chunks}</Link> }}
          />
        </p>
      }
    >
      <form onSubmit={submit} className="stack">
        <EmailField value={email} onChange={setEmail} />
        <Field
          label={t('account.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
        <ErrorAlert error={error} />
        <SubmitButton pending={pending} pendingLabel={t('login.pending')}>
          {t('login.title')}
        </SubmitButton>
        {resetByEmail ? (
          <p className="center">
            <Link to="/forgot">{t('login.forgotLink')}</Link>
          </p>
        ) : (
          <p className="center muted">{t('login.forgot')}</p>
        )}
      </form>
    </AuthLayout>
  );
}
