// The claim's discussion: comments in the order written, kept live, and a box to add one.
// Comments are appends, so they carry no version and never conflict.
import type { Comment } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../../api/ApiError.ts';
import { api } from '../../../api/api.ts';
import { ErrorAlert } from '../../../components/Alert.tsx';
import { formatDateTime } from '../../../components/formatDate.ts';
import type { ClaimPanelProps } from './ClaimPanelProps.ts';
import { useLiveList } from './useLiveList.ts';

interface CommentThreadProps {
  claimId: string;
  canComment: boolean;
  subscribe: ClaimPanelProps['subscribe'];
}

export function CommentThread({ claimId, canComment, subscribe }: CommentThreadProps) {
  const headingId = useId();
  const id = useId();
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const comments = useLiveList<Comment>({
    claimId,
    load: () => api.comments(claimId),
    subscribe,
    apply: (event, list) => {
      if (event.type === 'comment.added' && event.comment) list.put(event.comment);
    },
  });

  async function send(event: FormEvent) {
    event.preventDefault();
    const body = text.trim();
    if (!body) return;
    setPending(true);
    setError(undefined);
    try {
      comments.put(await api.addComment(claimId, body));
      setText('');
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="claim-section" aria-labelledby={headingId}>
      <div className="claim-section-header">
        <h3 id={headingId}>Comments</h3>
        {comments.items && <span className="count">{comments.items.length}</span>}
      </div>
      <ErrorAlert error={comments.error} />
      {comments.items === undefined && !comments.error && (
        <p className="muted">Loading comments…</p>
      )}
      {comments.items?.length === 0 && <p className="muted">No comments yet.</p>}
      {comments.items && comments.items.length > 0 && (
        <ol className="comment-list">
          {comments.items.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="comment-meta">
                <strong>{comment.author?.name ?? 'A former member'}</strong>{' '}
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
              </p>
              <p className="comment-body" dir="auto">
                {comment.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <form className="claim-form" onSubmit={send} aria-label="Add a comment">
          <div className="field">
            <label htmlFor={`${id}-comment`}>Add a comment</label>
            <textarea
              id={`${id}-comment`}
              dir="auto"
              rows={3}
              maxLength={10_000}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
          <ErrorAlert error={error} />
          <div className="claim-form-actions">
            <button
              type="submit"
              className="button button-primary button-small"
              disabled={pending || !text.trim()}
            >
              {pending ? 'Sending…' : 'Comment'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
