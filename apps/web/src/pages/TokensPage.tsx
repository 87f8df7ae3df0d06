// Your personal API tokens: create one (its secret is shown once), see when each was last
// used, revoke the ones you no longer need.
import type { ApiToken, CreatedToken } from '@factdesk/model';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { ErrorAlert } from '../components/Alert.tsx';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { Field } from '../components/Field.tsx';
import { formatDate, formatDateTime } from '../components/formatDate.ts';
import { Loading } from '../components/Loading.tsx';
import { OneTimeSecret } from '../components/OneTimeSecret.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useResource } from '../state/useResource.ts';

export function TokensPage() {
  usePageTitle('API tokens');
  const tokens = useResource('tokens', api.listTokens);
  const [created, setCreated] = useState<CreatedToken>();
  const [revoking, setRevoking] = useState<ApiToken>();

  return (
    <div className="page">
      <PageHeader title="API tokens" eyebrow="Account">
        <p>
          Tokens let scripts and newsroom tools use the Factdesk API as you, with your roles. Send
          one as <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
      </PageHeader>

      <section className="panel stack" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">New token</h2>
        <CreateTokenForm
          onCreated={(result) => {
            setCreated(result);
            tokens.update((list) => [result.apiToken, ...list]);
          }}
        />
        {created && (
          <OneTimeSecret
            label="New API token"
            value={created.token}
            onDone={() => setCreated(undefined)}
          >
            <p>
              <strong>Copy “{created.apiToken.name}” now: it will not be shown again.</strong>{' '}
              Anyone holding it can act as you; keep it out of chats and code repositories.
            </p>
          </OneTimeSecret>
        )}
      </section>

      <section className="panel stack" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Your tokens</h2>
        {tokens.error && <ErrorAlert error={tokens.error} />}
        {tokens.loading && <Loading />}
        {tokens.data?.length === 0 && <p className="muted">You have no API tokens.</p>}
        {tokens.data && tokens.data.length > 0 && (
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((token) => (
                  <tr key={token.id}>
                    <td data-label="Name">{token.name}</td>
                    <td data-label="Token">
                      <code>{token.prefix}…</code>
                    </td>
                    <td data-label="Created">{formatDate(token.createdAt)}</td>
                    <td data-label="Last used">
                      {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}
                    </td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-danger-quiet button-small"
                        aria-label={`Revoke token ${token.name}`}
                        onClick={() => setRevoking(token)}
                      >
                        Revoke
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <ConfirmDialog
        open={revoking !== undefined}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return;
          await api.revokeToken(revoking.id);
          tokens.update((list) => list.filter((token) => token.id !== revoking.id));
          if (created?.apiToken.id === revoking.id) setCreated(undefined);
        }}
      >
        <p>Anything using “{revoking?.name}” stops working at once. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      onCreated(await api.createToken(name.trim()));
      setName('');
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="inline-form">
      <Field
        label="Token name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint="What will use it, e.g. “CMS integration”."
        required
        maxLength={80}
        autoComplete="off"
      />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? 'Creating…' : 'Create token'}
      </button>
      <ErrorAlert error={error} />
    </form>
  );
}
