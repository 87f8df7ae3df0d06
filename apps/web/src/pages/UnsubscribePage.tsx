// Where an e-mail's unsubscribe link leads: one click, no login. The page turns every
// notification e-mail off at once and says so; the inbox keeps working.
import { useEffect, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert, Notice } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { Loading } from '../components/Loading.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';

export function UnsubscribePage() {
  const t = useT();
  usePageTitle(t('unsubscribe.title'));
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
      title={t('unsubscribe.title')}
      footer={
        <p>
          <FormattedMessage
            id="unsubscribe.changedMind"
            values={{ link: (chunks) => <Link to="/settings/notifications">{chunks}</Link> }}
          />
        </p>
      }
    >
      {state === 'working' && <Loading />}
      {state === 'done' && <Notice>{t('unsubscribe.done')}</Notice>}
      {state instanceof ApiError && <ErrorAlert error={state} />}
    </AuthLayout>
  );
}
