// The claim's discussion: comments in the order written, kept live, and a box to add one.
// Comments are appends, so they carry no version and never conflict.
import type { Comment } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { ApiError } from '../../../api/ApiError.ts';
import { api } from '../../../api/api.ts';
import { ErrorAlert } from '../../../components/Alert.tsx';
import { formatDateTime } from '../../../components/formatDate.ts';
import { CommentBody } from '../../../components/notifications/CommentBody.tsx';
import { MentionComposer } from '../../../components/notifications/MentionComposer.tsx';
import { withMentionTokens } from '../../../components/notifications/withMentionTokens.ts';
import { useT } from '../../../i18n/useT.ts';
import { useResource } from '../../../state/useResource.ts';
import { useWorkspace } from '../../../state/WorkspaceContext.tsx';
import type { ClaimPanelProps } from './ClaimPanelProps.ts';
import { FormActions } from './FormActions.tsx';
import { useLiveList } from './useLiveList.ts';

interface CommentThreadProps {
  claimId: string;
  canComment: boolean;
  subscribe: ClaimPanelProps['subscribe'];
}

export function CommentThread({ claimId, canComment, subscribe }: CommentThreadProps) {
  const headingId = useId();
  const id = useId();
  const intl = useIntl();
  const t = useT();
  const [text, setText] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const { workspace } = useWorkspace();
  // Who can be mentioned: the workspace's members.
  const members = useResource(`members:${workspace.id}`, () => api.members(workspace.id));
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
      comments.put(await api.addComment(claimId, withMentionTokens(body, members.data)));
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
        <h3 id={headingId}>{t('comments.title')}</h3>
        {comments.items && <span className="count">{comments.items.length}</span>}
      </div>
      <ErrorAlert error={comments.error} />
      {comments.items === undefined && !comments.error && (
        <p className="muted">{t('comments.loading')}</p>
      )}
      {comments.items?.length === 0 && <p className="muted">{t('comments.none')}</p>}
      {comments.items && comments.items.length > 0 && (
        <ol className="comment-list">
          {comments.items.map((comment) => (
            <li key={comment.id} className="comment">
              <p className="comment-meta">
                <strong>{comment.author?.name ?? t('comments.formerMember')}</strong>{' '}
                <time dateTime={comment.createdAt}>{formatDateTime(intl, comment.createdAt)}</time>
              </p>
              <p className="comment-body" dir="auto">
                <CommentBody body={comment.body} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <form className="claim-form" onSubmit={send} aria-label={t('comments.add')}>
          <div className="field">
            <label htmlFor={`${id}-comment`}>{t('comments.add')}</label>
            <MentionComposer
              id={`${id}-comment`}
              value={text}
              onChange={setText}
              members={members.data}
            />
          </div>
          <ErrorAlert error={error} />
          <FormActions
            pending={pending}
            disabled={!text.trim()}
            submit={t('comments.send')}
            submitting={t('comments.sending')}
          />
        </form>
      )}
    </section>
  );
}
