// /invite/:token — what the invite offers, then "Sign up to join" or, when already signed
// in, "Accept invite".
import { useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { InviteSummary } from '../components/InviteSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { useResource } from '../state/useResource.ts';

export function InvitePage() {
  const t = useT();
  usePageTitle(t('invite.pageTitle'));
  const { token = '' } = useParams();
  const session = useSession();
  const preview = useResource(`invite:${token}`, () => api.previewInvite(token));

  if (preview.loading || session.state.status === 'loading') {
    return (
      <AuthLayout title={t('invite.pageTitle')}>
        <Loading label={t('invite.checking')} />
      </AuthLayout>
    );
  }
  if (!preview.data) {
    // 404 is the server's one answer for unknown, expired, revoked and used-up links.
    const unusable = preview.error?.status === 404 || preview.error?.status === 400;
    return (
      <AuthLayout title={unusable ? t('invite.unusableTitle') : t('invite.pageTitle')}>
        {unusable ? (
          <ErrorAlert>
            <p>{t('invite.unusableLink')}</p>
          </ErrorAlert>
        ) : (
          <ErrorAlert error={preview.error} />
        )}
        <p className="actions">
          <Link to="/login">{t('login.title')}</Link>
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title={t('invite.youreInvited')} intro={<InviteSummary preview={preview.data} />}>
      {session.state.status === 'signedIn' ? (
        <AcceptInvite token={token} />
      ) : (
        <div className="stack">
          <Link
            to={`/signup?invite=${encodeURIComponent(token)}`}
            className="button button-primary button-block"
          >
            {t('invite.signUpToJoin')}
          </Link>
          <p className="center muted">
            <FormattedMessage
              id="invite.logInToAccept"
              values={{
                link: (chunks) => (
                  <Link to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>{chunks}</Link>
                ),
              }}
            />
          </p>
        </div>
      )}
    </AuthLayout>
  );
}

function AcceptInvite({ token }: { token: string }) {
  const session = useSession();
  const navigate = useNavigate();
  const t = useT();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const me = session.state.status === 'signedIn' ? session.state.me : undefined;

  async function accept() {
    setPending(true);
    setError(undefined);
    try {
      const { workspaceId } = await api.acceptInvite(token);
      await session.refresh();
      navigate(`/w/${workspaceId}`, { replace: true });
    } catch (caught) {
      setError(ApiError.from(caught));
      setPending(false);
    }
  }

  async function logOut() {
    try {
      await session.logOut();
    } catch (caught) {
      setError(ApiError.from(caught));
    }
  }

  return (
    <div className="stack">
      <p>
        <FormattedMessage
          id="invite.loggedInAs"
          values={{
            name: me?.user.displayName,
            email: me?.user.email,
            strong: (chunks) => <strong>{chunks}</strong>,
          }}
        />
      </p>
      <ErrorAlert error={error} />
      <button
        type="button"
        className="button button-primary button-block"
        onClick={accept}
        disabled={pending}
      >
        {pending ? t('invite.joining') : t('invite.accept')}
      </button>
      <p className="center muted">
        <FormattedMessage
          id="invite.notYou"
          values={{
            button: (chunks) => (
              <button type="button" className="button-link" onClick={logOut}>
                {chunks}
              </button>
            ),
          }}
        />
      </p>
    </div>
  );
}
