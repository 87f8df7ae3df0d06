// Copies a text to the clipboard and says so; falls back to selecting the text when the
// Clipboard API is unavailable (insecure origins, some embedded browsers).
import { useEffect, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { Icon } from './Icon.tsx';

export function CopyButton({
  text,
  label,
  fallbackInput,
}: {
  text: string;
  /** What is copied, for the accessible name: "Copy invite link". */
  label: string;
  fallbackInput?: HTMLInputElement | HTMLTextAreaElement | null;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'select'>('idle');
  const t = useT();

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      fallbackInput?.select();
      setState('select');
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary" onClick={copy} aria-label={label}>
        <Icon name={state === 'copied' ? 'check' : 'copy'} />
        {state === 'copied' ? t('copy.copied') : t('copy.copy')}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? t('copy.done') : ''}
        {state === 'select' ? t('copy.blocked') : ''}
      </span>
    </>
  );
}
