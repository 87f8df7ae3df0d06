// Blind review (moderators and owners): how many independent verdicts each claim of the
// workspace needs unless a claim says otherwise. Saved on its own (PUT …/blind-reviews).
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert, Notice } from '../../components/Alert.tsx';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';

const COUNTS = [1, 2, 3, 4, 5] as const;

export function BlindReviewSettings() {
  const { workspace, replace } = useWorkspace();
  const id = useId();
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
        Blind review
      </h2>
      <div className="field">
        <label htmlFor={`${id}-count`}>Independent verdicts per claim</label>
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
              {value === 1 ? '1 — single review' : `${value} — blind review`}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-hint`}>
          With 2 or more, each assigned reviewer proposes without seeing the others’ verdicts,
          rationale or evidence until all have. Agreement goes to approval; disagreement to a
          moderator, who decides side by side. Moderators may set another number on one claim.
        </p>
      </div>
      <ErrorAlert error={error} />
      <Notice>{saved && 'Blind review setting saved.'}</Notice>
      <div>
        <button
          type="submit"
          className="button button-primary"
          disabled={pending || count === workspace.blindReviews}
        >
          {pending ? 'Saving…' : 'Save blind review'}
        </button>
      </div>
    </form>
  );
}
