// What the editor says when a paste is over the server's limit for one change: the paste's
// size and the limit, and two ways to keep the text — copy it back to the clipboard, or paste
// it here as several parts that each fit, sent one after the other.
import { useMemo, useState } from 'react';
import { Dialog } from '../components/Dialog.tsx';
import { type OversizedPaste, splitIntoParts, utf8Bytes } from './pasteLimit.ts';

/** Largest part pasted at once. */
const PART_BYTES = 128 * 1024;

/** "1.1 MB", "850 kB": sizes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1_000))} kB`;
}

export function PasteTooLargeDialog({
  paste,
  onPasteInParts,
  onClose,
}: {
  paste: OversizedPaste | null;
  /** Pastes the parts one by one; reports each part done. */
  onPasteInParts(parts: string[][], onProgress: (done: number) => void): Promise<void>;
  onClose(): void;
}) {
  return (
    <Dialog open={paste !== null} title="This paste is too large to send at once" onClose={onClose}>
      {paste && (
        <PasteTooLargeBody paste={paste} onPasteInParts={onPasteInParts} onClose={onClose} />
      )}
    </Dialog>
  );
}

function PasteTooLargeBody({
  paste,
  onPasteInParts,
  onClose,
}: {
  paste: OversizedPaste;
  onPasteInParts(parts: string[][], onProgress: (done: number) => void): Promise<void>;
  onClose(): void;
}) {
  // Small parts keep each one quick for the editor to lay out (the page stays responsive)
  // and well inside the limit, whatever the editor adds around the text.
  const parts = useMemo(
    () => splitIntoParts(paste.text, Math.min(paste.limit / 2, PART_BYTES)),
    [paste],
  );
  const textBytes = useMemo(() => utf8Bytes(paste.text), [paste]);
  const [done, setDone] = useState<number | null>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copyBack() {
    try {
      await navigator.clipboard.writeText(paste.text);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  async function pasteParts() {
    setDone(0);
    await onPasteInParts(parts, setDone);
    onClose();
  }

  return (
    <div className="stack">
      <div className="dialog-body stack">
        <p>
          The paste is <strong>{formatBytes(textBytes)}</strong> of text, about{' '}
          {formatBytes(paste.bytes)} as one change; one change can be at most{' '}
          <strong>{formatBytes(paste.limit)}</strong>, so nothing was pasted. Your text is kept:
        </p>
        <ul>
          <li>
            paste it here as <strong>{parts.length} parts</strong>, each its own set of paragraphs,
            sent one after the other (formatting is not kept), or
          </li>
          <li>copy it back to the clipboard and paste it in smaller pieces yourself.</li>
        </ul>
        {copied === 'yes' && <p role="status">Copied to the clipboard.</p>}
        {copied === 'failed' && (
          <p role="alert">The browser did not allow copying; use “Paste in parts” instead.</p>
        )}
        {done !== null && (
          <p role="status">
            Pasting part {Math.min(done + 1, parts.length)} of {parts.length}…
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={onClose}
          disabled={done !== null}
        >
          Cancel
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={copyBack}
          disabled={done !== null}
        >
          Copy it back
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={pasteParts}
          disabled={done !== null}
        >
          Paste in {parts.length} parts
        </button>
      </div>
    </div>
  );
}
