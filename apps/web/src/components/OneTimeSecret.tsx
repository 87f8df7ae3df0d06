// A secret the server shows once (an invite link, an API token): read-only, copyable, with
// a warning that it cannot be shown again.
import { type ReactNode, useId, useState } from 'react';
import { useT } from '../i18n/useT.ts';
import { CopyButton } from './CopyButton.tsx';

export function OneTimeSecret({
  label,
  value,
  children,
  onDone,
}: {
  label: string;
  value: string;
  /** The warning: what the secret allows and that it is shown only once. */
  children: ReactNode;
  onDone?: () => void;
}) {
  const id = useId();
  const t = useT();
  const [input, setInput] = useState<HTMLInputElement | null>(null);
  return (
    <div className="secret">
      <p className="secret-title" aria-hidden="true">
        {label}
      </p>
      <div className="secret-warning" id={`${id}-warning`}>
        {children}
      </div>
      <div className="secret-row">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          id={id}
          ref={setInput}
          className="secret-value"
          readOnly
          value={value}
          aria-describedby={`${id}-warning`}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <CopyButton
          text={value}
          label={t('secret.copy', { what: label.toLowerCase() })}
          fallbackInput={input}
        />
      </div>
      {onDone && (
        <button type="button" className="button button-link" onClick={onDone}>
          {t('secret.done')}
        </button>
      )}
    </div>
  );
}
