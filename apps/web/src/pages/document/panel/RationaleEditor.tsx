// The rationale's Markdown: a textarea and, one click away, its preview rendered by
// renderRationale (the only HTML the panel injects).
import { useId, useState } from 'react';
import { renderRationale } from './renderRationale.ts';

export function RationaleEditor({
  value,
  onChange,
}: {
  value: string;
  onChange(value: string): void;
}) {
  const id = useId();
  const [preview, setPreview] = useState(false);

  return (
    <div className="field rationale-editor">
      <div className="rationale-editor-bar">
        <label htmlFor={`${id}-text`}>
          Rationale <span className="optional">(Markdown)</span>
        </label>
        <div className="segmented">
          <button
            type="button"
            className="segmented-option"
            aria-pressed={!preview}
            onClick={() => setPreview(false)}
          >
            Write
          </button>
          <button
            type="button"
            className="segmented-option"
            aria-pressed={preview}
            onClick={() => setPreview(true)}
          >
            Preview
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
          <p className="rationale-preview muted">Nothing to preview yet.</p>
        ))}
      <p className="field-hint" id={`${id}-hint`}>
        Why this verdict: **bold**, _italic_, lists and [links](https://…) work.
      </p>
    </div>
  );
}
