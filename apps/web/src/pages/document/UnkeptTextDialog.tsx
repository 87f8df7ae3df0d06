// Tells the person that text they typed was not kept — typed while they could not write (the
// text locked, a viewer's role, no longer a member), or offline edits of a document they may
// no longer edit — and hands it back to copy. The article already shows the saved text.
import { useId, useState } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import type { MessageId } from '../../i18n/catalogs.ts';
import { useT } from '../../i18n/useT.ts';
import type { UnkeptChanges } from './useDocumentConnection.ts';

const EXPLANATION: Record<UnkeptChanges['reason'], MessageId> = {
  refused: 'unkept.refused',
  readOnly: 'unkept.readOnly',
};

export function UnkeptTextDialog({
  unkept,
  onClose,
}: {
  unkept: UnkeptChanges | null;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog open={unkept !== null} title={t('unkept.title')} onClose={onClose}>
      {unkept && <UnkeptBody unkept={unkept} onClose={onClose} />}
    </Dialog>
  );
}

function UnkeptBody({ unkept, onClose }: { unkept: UnkeptChanges; onClose: () => void }) {
  const id = useId();
  const t = useT();
  const [area, setArea] = useState<HTMLTextAreaElement | null>(null);
  const text = unkept.passages.join('\n\n');
  return (
    <div className="stack unkept-text">
      <p className="dialog-body">{t(EXPLANATION[unkept.reason])}</p>
      {text ? (
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('unkept.text')}</label>
          <textarea id={`${id}-text`} ref={setArea} dir="auto" rows={6} readOnly value={text} />
        </div>
      ) : (
        <p className="dialog-body">{t('unkept.nothingLost')}</p>
      )}
      <div className="dialog-actions">
        {text && <CopyButton text={text} label={t('unkept.copy')} fallbackInput={area} />}
        <button type="button" className="button button-primary" onClick={onClose}>
          {t('action.close')}
        </button>
      </div>
    </div>
  );
}
