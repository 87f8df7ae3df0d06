// Where an e-mail's unsubscribe link leads: one click, no login. The page turns every
// notification e-mail off at once and says so; the inbox keeps working.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { Loading } from '../components/Loading.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';

export function UnsubscribePage() {
  usePageTitle('Unsubscribe');
  const { token = '' } = useParams();
  const [state, setState] = useState<'working' | 'done' | ApiError>('working');

  useEffect(() => {
    api.unsubscribe(token).then(
      () => setState('done'),
      (error: unknown) => setState(ApiError.from(error)),
    );
  }, [token]);

  return (
    <AuthLayout
      title="Unsubscribe"
      footer={
        <p>
          Changed your mind? Choose your e-mails in{' '}
          <Link to="/settings/notifications">settings</Link>.
        </p>
      }
    >
      {state === 'working' && <Loading />}
      {state === 'done' && (
        <Notice>
          You are unsubscribed: Factdesk sends you no more notification e-mails. Your inbox in the
          app still shows them.
        </Notice>
      )}
      {state instanceof ApiError && <ErrorAlert error={state} />}
    </AuthLayout>
  );
}
