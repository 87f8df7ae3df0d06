// Your personal API tokens: create one (its secret is shown once), see when each was last
// used, revoke the ones you no longer need.
import type { ApiToken, CreatedToken } from '@factdesk/model';
import { type FormEvent, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
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
import { useT } from '../i18n/useT.ts';
import { useResource } from '../state/useResource.ts';

export function TokensPage() {
  const t = useT();
  const intl = useIntl();
  usePageTitle(t('nav.tokens'));
  const tokens = useResource('tokens', api.listTokens);
  const [created, setCreated] = useState<CreatedToken>();
  const [revoking, setRevoking] = useState<ApiToken>();

  return (
    <div className="page">
      <PageHeader title={t('nav.tokens')} eyebrow={t('nav.account')}>
        <p>
          <FormattedMessage
            id="tokens.intro"
            values={{
              header: <code>Authorization: Bearer &lt;token&gt;</code>,
            }}
          />
        </p>
      </PageHeader>

      <section className="panel stack" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">{t('tokens.new')}</h2>
        <CreateTokenForm
          onCreated={(result) => {
            setCreated(result);
            tokens.update((list) => [result.apiToken, ...list]);
          }}
        />
        {created && (
          <OneTimeSecret
            label={t('tokens.newSecret')}
            value={created.token}
            onDone={() => setCreated(undefined)}
          >
            <p>
              <FormattedMessage
                id="tokens.secretWarning"
                values={{
                  name: created.apiToken.name,
                  strong: (chunks) => <strong>{chunks}</strong>,
                }}
              />
            </p>
          </OneTimeSecret>
        )}
      </section>

      <section className="panel stack" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t('tokens.yours')}</h2>
        {tokens.error && <ErrorAlert error={tokens.error} />}
        {tokens.loading && <Loading />}
        {tokens.data?.length === 0 && <p className="muted">{t('tokens.none')}</p>}
        {tokens.data && tokens.data.length > 0 && (
          <div className="table-wrap">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t('tokens.name')}</th>
                  <th scope="col">{t('tokens.token')}</th>
                  <th scope="col">{t('tokens.created')}</th>
                  <th scope="col">{t('tokens.lastUsed')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('table.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((token) => (
                  <tr key={token.id}>
                    <td data-label={t('tokens.name')}>{token.name}</td>
                    <td data-label={t('tokens.token')}>
                      <code>{token.prefix}…</code>
                    </td>
                    <td data-label={t('tokens.created')}>{formatDate(intl, token.createdAt)}</td>
                    <td data-label={t('tokens.lastUsed')}>
                      {token.lastUsedAt
                        ? formatDateTime(intl, token.lastUsedAt)
                        : t('tokens.neverUsed')}
                    </td>
                    <td className="cell-actions">
                      <button
                        type="button"
                        className="button button-danger-quiet button-small"
                        aria-label={t('tokens.revokeNamed', { name: token.name })}
                        onClick={() => setRevoking(token)}
                      >
                        {t('action.revoke')}
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
        title={t('tokens.revokeTitle')}
        confirmLabel={t('tokens.revokeConfirm')}
        onClose={() => setRevoking(undefined)}
        onConfirm={async () => {
          if (!revoking) return;
          await api.revokeToken(revoking.id);
          tokens.update((list) => list.filter((token) => token.id !== revoking.id));
          if (created?.apiToken.id === revoking.id) setCreated(undefined);
        }}
      >
        <p>{t('tokens.revokeBody', { name: revoking?.name ?? '' })}</p>
      </ConfirmDialog>
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const t = useT();
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
        label={t('tokens.nameLabel')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint={t('tokens.nameHint')}
        required
        maxLength={80}
        autoComplete="off"
      />
      <button type="submit" className="button button-primary" disabled={pending}>
        {pending ? t('action.creating') : t('tokens.create')}
      </button>
      <ErrorAlert error={error} />
    </form>
  );
}
