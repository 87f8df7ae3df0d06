// Where the fact-check of this document is published (moderators): ClaimReview gives every
// approved claim that page's URL with its own #claim-<number> fragment.
import type { DocumentSchema } from '@factdesk/model';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert } from '../../components/Alert.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { useT } from '../../i18n/useT.ts';

export function FactCheckPageDialog({
  document,
  open,
  onClose,
  onDocumentChanged,
}: {
  document: DocumentSchema;
  open: boolean;
  onClose(): void;
  onDocumentChanged(document: DocumentSchema): void;
}) {
  const t = useT();
  return (
    <Dialog open={open} title={t('factCheckPage.title')} onClose={onClose}>
      <FactCheckPageForm
        document={document}
        onClose={onClose}
        onDocumentChanged={onDocumentChanged}
      />
    </Dialog>
  );
}

function FactCheckPageForm({
  document,
  onClose,
  onDocumentChanged,
}: {
  document: DocumentSchema;
  onClose(): void;
  onDocumentChanged(document: DocumentSchema): void;
}) {
  const t = useT();
  const [url, setUrl] = useState(document.factCheckUrl ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const next = await api.updateDocument(document.id, { factCheckUrl: url.trim() || null });
      onDocumentChanged(next);
      onClose();
    } catch (caught) {
      setError(ApiError.from(caught));
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit}>
      <Field
        label={t('factCheckPage.url')}
        type="url"
        placeholder="https://"
        value={url}
        maxLength={2048}
        invalid={error?.field === 'factCheckUrl'}
        hint={t('factCheckPage.hint')}
        onChange={(event) => setUrl(event.target.value)}
      />
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? t('connection.saving') : t('action.save')}
        </button>
      </div>
    </form>
  );
}
