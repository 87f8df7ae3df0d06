// Tells the person that text they typed was not kept — typed while they could not write (the
// text locked, a viewer's role, no longer a member), or offline edits of a document they may
// no longer edit — and hands it back to copy. The article already shows the saved text.
import { useId, useState } from 'react';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import type { UnkeptChanges } from './useDocumentConnection.ts';

const EXPLANATION: Record<UnkeptChanges['reason'], string> = {
  refused:
    'These changes reached the server while you could not edit this document (the text was locked, your role did not allow editing, or you were not a member), so it did not keep them. The article now shows the saved text.',
  readOnly:
    'This browser kept changes you made offline, but you can no longer edit this document, so they were not sent. The article shows the saved text.',
};

export function UnkeptTextDialog({
  unkept,
  onClose,
}: {
  unkept: UnkeptChanges | null;
  onClose: () => void;
}) {
  return (
    <Dialog open={unkept !== null} title="Your changes were not kept" onClose={onClose}>
      {unkept && <UnkeptBody unkept={unkept} onClose={onClose} />}
    </Dialog>
  );
}

function UnkeptBody({ unkept, onClose }: { unkept: UnkeptChanges; onClose: () => void }) {
  const id = useId();
  const [area, setArea] = useState<HTMLTextAreaElement | null>(null);
  const text = unkept.passages.join('\n\n');
  return (
    <div className="stack unkept-text">
      <p className="dialog-body">{EXPLANATION[unkept.reason]}</p>
      {text ? (
        <div className="field">
          <label htmlFor={`${id}-text`}>The text that was not kept</label>
          <textarea id={`${id}-text`} ref={setArea} dir="auto" rows={6} readOnly value={text} />
        </div>
      ) : (
        <p className="dialog-body">No typed text was lost: only deletions or formatting.</p>
      )}
      <div className="dialog-actions">
        {text && (
          <CopyButton text={text} label="Copy the text that was not kept" fallbackInput={area} />
        )}
        <button type="button" className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
