// Blind review (moderators and owners): how many independent verdicts each claim of the
// workspace needs unless a claim says otherwise. Saved on its own (PUT …/blind-reviews).
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert, Notice } from '../../components/Alert.tsx';
import { useT } from '../../i18n/useT.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';

const COUNTS = [1, 2, 3, 4, 5] as const;

export function BlindReviewSettings() {
  const { workspace, replace } = useWorkspace();
  const id = useId();
  const t = useT();
  const [count, setCount] = useState(workspace.blindReviews);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setSaved(false);
    try {
      const updated = await api.setBlindReviews(workspace.id, count);
      replace(updated);
      setCount(updated.blindReviews);
      setSaved(true);
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">
        {t('blind.settings.title')}
      </h2>
      <div className="field">
        <label htmlFor={`${id}-count`}>{t('blind.settings.count')}</label>
        <select
          id={`${id}-count`}
          value={count}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setCount(Number(event.target.value));
            setSaved(false);
          }}
        >
          {COUNTS.map((value) => (
            <option key={value} value={value}>
              {value === 1 ? t('blind.option.single') : t('blind.option.blind', { count: value })}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-hint`}>
          {t('blind.settings.hint')}
        </p>
      </div>
      <ErrorAlert error={error} />
      <Notice>{saved && t('blind.settings.saved')}</Notice>
      <div>
        <button
          type="submit"
          className="button button-primary"
          disabled={pending || count === workspace.blindReviews}
        >
          {pending ? t('blind.settings.saving') : t('blind.settings.save')}
        </button>
      </div>
    </form>
  );
}
