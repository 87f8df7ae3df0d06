// What the editor says when a paste is over the server's limit for one change: the paste's
// size and the limit, and two ways to keep the text — copy it back to the clipboard, or paste
// it here as several parts that each fit, sent one after the other.
import { useMemo, useState } from 'react';
import type { IntlShape } from 'react-intl';
import { FormattedMessage, useIntl } from 'react-intl';
import { Dialog } from '../components/Dialog.tsx';
import { useT } from '../i18n/useT.ts';
import { type OversizedPaste, splitIntoParts, utf8Bytes } from './pasteLimit.ts';

/** Largest part pasted at once. */
const PART_BYTES = 128 * 1024;

/** "1.1 MB", "850 kB": sizes as a person reads them, in the interface language. */
export function formatBytes(intl: IntlShape, bytes: number): string {
  if (bytes >= 1_000_000) {
    return intl.formatNumber(bytes / 1_000_000, {
      style: 'unit',
      unit: 'megabyte',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    });
  }
  return intl.formatNumber(Math.max(1, Math.round(bytes / 1_000)), {
    style: 'unit',
    unit: 'kilobyte',
  });
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
  const t = useT();
  return (
    <Dialog open={paste !== null} title={t('paste.tooLarge.title')} onClose={onClose}>
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
  const intl = useIntl();
  const t = useT();

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
          <FormattedMessage
            id="paste.tooLarge.sizes"
            values={{
              text: formatBytes(intl, textBytes),
              change: formatBytes(intl, paste.bytes),
              limit: formatBytes(intl, paste.limit),
              strong: (chunks) => <strong>{chunks}</strong>,
            }}
          />
        </p>
        <ul>
          <li>
            <FormattedMessage
              id="paste.tooLarge.inParts"
              values={{ parts: parts.length, strong: (chunks) => <strong>{chunks}</strong> }}
            />
          </li>
          <li>{t('paste.tooLarge.copyBack')}</li>
        </ul>
        {copied === 'yes' && <p role="status">{t('copy.done')}</p>}
        {copied === 'failed' && <p role="alert">{t('paste.tooLarge.copyFailed')}</p>}
        {done !== null && (
          <p role="status">
            {t('paste.tooLarge.progress', {
              part: Math.min(done + 1, parts.length),
              parts: parts.length,
            })}
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
          {t('action.cancel')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={copyBack}
          disabled={done !== null}
        >
          {t('paste.tooLarge.copyBackButton')}
        </button>
        <button
          type="button"
          className="button button-primary"
          onClick={pasteParts}
          disabled={done !== null}
        >
          {t('paste.tooLarge.pasteInParts', { parts: parts.length })}
        </button>
      </div>
    </div>
  );
}
