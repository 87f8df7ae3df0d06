// The rationale's Markdown: a textarea and, one click away, its preview rendered by
// renderRationale (the only HTML the panel injects).
import { useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { useT } from '../../../i18n/useT.ts';
import { renderRationale } from './renderRationale.ts';

export function RationaleEditor({
  value,
  onChange,
}: {
  value: string;
  onChange(value: string): void;
}) {
  const id = useId();
  const t = useT();
  const [preview, setPreview] = useState(false);

  return (
    <div className="field rationale-editor">
      <div className="rationale-editor-bar">
        <label htmlFor={`${id}-text`}>
          <FormattedMessage
            id="rationale.label"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <div className="segmented">
          <button
            type="button"
            className="segmented-option"
            aria-pressed={!preview}
            onClick={() => setPreview(false)}
          >
            {t('rationale.write')}
          </button>
          <button
            type="button"
            className="segmented-option"
            aria-pressed={preview}
            onClick={() => setPreview(true)}
          >
            {t('scale.preview')}
          </button>
        </div>
      </div>
      {/* Kept in the page while previewing, so the label and the typed text stay put. */}
      <textarea
        id={`${id}-text`}
        dir="auto"
        rows={6}
        maxLength={50_000}
        hidden={preview}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      {preview &&
        (value.trim() ? (
          <div
            className="rationale rationale-preview"
            dir="auto"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it output with html off and links checked (renderRationale.ts)
            dangerouslySetInnerHTML={{ __html: renderRationale(value) }}
          />
        ) : (
          <p className="rationale-preview muted">{t('rationale.nothing')}</p>
        ))}
      <p className="field-hint" id={`${id}-hint`}>
        {t('rationale.hint')}
      </p>
    </div>
  );
}
