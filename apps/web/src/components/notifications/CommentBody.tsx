// A comment's text with its mentions (`<@user-id|Name>`) shown as "@Name".
import { MENTION_PATTERN } from '@factdesk/model';
import type { ReactNode } from 'react';

export function CommentBody({ body }: { body: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION_PATTERN)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(body.slice(last, at));
    parts.push(
      <span key={`${at}-${match[1]}`} className="mention" data-user-id={match[1]}>
        @{match[2] || 'someone'}
      </span>,
    );
    last = at + match[0].length;
  }
  if (last < body.length) parts.push(body.slice(last));
  return <>{parts}</>;
}
