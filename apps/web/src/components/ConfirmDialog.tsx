// "Are you sure?" for actions that cannot be undone. Runs the action itself so a failure is
// shown inside the dialog, next to the button that caused it.
import { type ReactNode, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import { useT } from '../i18n/useT.ts';
import { ErrorAlert } from './Alert.tsx';
import { Dialog } from './Dialog.tsx';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** The confirm button's look: red for what cannot be undone (the default). */
  confirmTone?: 'danger' | 'primary';
  children: ReactNode;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

export function ConfirmDialog({ open, title, onClose, ...rest }: ConfirmDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <ConfirmBody onClose={onClose} {...rest} />
    </Dialog>
  );
}

function ConfirmBody({
  confirmLabel,
  confirmTone = 'danger',
  children,
  onConfirm,
  onClose,
}: Omit<ConfirmDialogProps, 'open' | 'title'>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const t = useT();

  async function confirm() {
    setPending(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(ApiError.from(caught));
      setPending(false);
    }
  }

  return (
    <div className="stack">
      <div className="dialog-body">{children}</div>
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button
          type="button"
          className={`button button-${confirmTone}`}
          onClick={confirm}
          disabled={pending}
        >
          {pending ? t('action.working') : confirmLabel}
        </button>
      </div>
    </div>
  );
}
