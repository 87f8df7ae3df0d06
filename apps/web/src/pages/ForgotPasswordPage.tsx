// "Forgot password?": asks for a reset link by e-mail. The answer is the same whether or not
// an account has the address, so the page never says which.
import { type FormEvent, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { EmailField, SubmitButton } from '../components/AccountFields.tsx';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';

export function ForgotPasswordPage() {
  const t = useT();
  usePageTitle(t('forgot.title'));
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
      title={t('forgot.title')}
      intro={t('forgot.intro')}
      footer={
        <p>
          <FormattedMessage
            id="forgot.remembered"
            values={{ link: (chunks) => <Link to="/login">{chunks}</Link> }}
          />
        </p>
      }
    >
      {sent ? (
        <Notice>{sent}</Notice>
      ) : (
        <form onSubmit={submit} className="stack">
          <EmailField value={email} onChange={setEmail} />
          <ErrorAlert error={error} />
          <SubmitButton pending={pending} pendingLabel={t('forgot.sending')}>
            {t('forgot.send')}
          </SubmitButton>
        </form>
      )}
    </AuthLayout>
  );
}
