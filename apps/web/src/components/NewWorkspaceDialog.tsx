// Create a workspace (you become its owner) and go to it.
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../api/ApiError.ts';
import { api } from '../api/api.ts';
import { useT } from '../i18n/useT.ts';
import { useSession } from '../state/SessionProvider.tsx';
import { ErrorAlert } from './Alert.tsx';
import { Dialog } from './Dialog.tsx';
import { Field } from './Field.tsx';

export function NewWorkspaceDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Dialog open={open} title={t('workspace.new')} onClose={onClose}>
      <NewWorkspaceForm onClose={onClose} />
    </Dialog>
  );
}

function NewWorkspaceForm({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const navigate = useNavigate();
  const t = useT();
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const workspace = await api.createWorkspace(name.trim());
      await session.refresh();
      onClose();
      navigate(`/w/${workspace.id}`);
    } catch (caught) {
      setError(ApiError.from(caught));
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="stack">
      <p className="dialog-body">{t('workspace.new.intro')}</p>
      <Field
        label={t('workspace.name')}
        name="workspaceName"
        value={name}
        onChange={(event) => setName(event.target.value)}
        required
        maxLength={100}
        autoComplete="off"
        placeholder={t('workspace.name.placeholder')}
        autoFocus
      />
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? t('action.creating') : t('workspace.create')}
        </button>
      </div>
    </form>
  );
}
