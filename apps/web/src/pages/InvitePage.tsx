// /invite/:token — what the invite offers, then "Sign up to join" or, when already signed
// in, "Accept invite".
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert } from '../components/Alert.tsx';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { InviteSummary } from '../components/InviteSummary.tsx';
import { Loading } from '../components/Loading.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { useResource } from '../state/useResource.ts';

export function InvitePage() {
  usePageTitle('Invitation');
  const { token = '' } = useParams();
  const session = useSession();
  const preview = useResource(`invite:${token}`, () => api.previewInvite(token));

  if (preview.loading || session.state.status === 'loading') {
    return (
      <AuthLayout title="Invitation">
        <Loading label="Checking your invite…" />
      </AuthLayout>
    );
  }
  if (!preview.data) {
    // 404 is the server's one answer for unknown, expired, revoked and used-up links.
    const unusable = preview.error?.status === 404 || preview.error?.status === 400;
    return (
      <AuthLayout title={unusable ? 'This invite cannot be used' : 'Invitation'}>
        {unusable ? (
          <ErrorAlert>
            <p>
              The link is invalid, expired, revoked or already used. Ask the person who invited you
              for a new one.
            </p>
          </ErrorAlert>
        ) : (
          <ErrorAlert error={preview.error} />
        )}
        <p className="actions">
          <Link to="/login">Log in</Link>
        </p>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="You’re invited" intro={<InviteSummary preview={preview.data} />}>
      {session.state.status === 'signedIn' ? (
        <AcceptInvite token={token} />
      ) : (
        <div className="stack">
          <Link
            to={`/signup?invite=${encodeURIComponent(token)}`}
            className="button button-primary button-block"
          >
            Sign up to join
          </Link>
          <p className="center muted">
            Already have an account?{' '}
            <Link to={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>
              Log in to accept
            </Link>
          </p>
        </div>
      )}
    </AuthLayout>
  );
}

function AcceptInvite({ token }: { token: string }) {
  const session = useSession();
  const navigate = useNavigate();
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
        You are logged in as <strong>{me?.user.displayName}</strong> ({me?.user.email}).
      </p>
      <ErrorAlert error={error} />
      <button
        type="button"
        className="button button-primary button-block"
        onClick={accept}
        disabled={pending}
      >
        {pending ? 'Joining…' : 'Accept invite'}
      </button>
      <p className="center muted">
        Not you?{' '}
        <button type="button" className="button-link" onClick={logOut}>
          Log out
        </button>{' '}
        and sign up with this invite.
      </p>
    </div>
  );
}
