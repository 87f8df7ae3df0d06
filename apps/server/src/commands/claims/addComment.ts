// addComment: a message in the claim's thread. An append never overwrites anyone, so it
// carries no version and does not change the claim's; comments stay open on approved claims.
// A comment may mention members of the claim's workspace as `<@user-id|Name>`: anyone else is
// refused (400), and each mention is stored with the member's current name. The mentioned
// people are notified by writeClaim's notification hook, from the comment.added change.
import { type Comment, MENTION_PATTERN, mentionToken } from '@factdesk/model';
import type { Queryable } from '../../db/database.ts';
import { BadRequestError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { presentComment } from '../../presenters/claims.ts';
import { insertComment } from '../../queries/claimComments.ts';
import { findWorkspaceMembers } from '../../queries/notifications.ts';
import { mentionedIds } from '../notifications/claimChangeNotifications.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { writeClaim } from './writeClaim.ts';

export async function addComment(deps: ClaimDeps, actorId: string, claimId: string, body: string) {
  const text = body.trim();
  if (text.length === 0) throw new BadRequestError(msg('errors.commentEmpty'), 'body');
  let comment: Comment | undefined;
  const result = await writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'comment', verb: 'comment' },
    async ({ tx, claim }) => {
      const stored = await withCheckedMentions(tx, claim.workspace_id, text);
      comment = presentComment(await insertComment(tx, claimId, actorId, stored));
      return [{ type: 'comment.added', before: null, after: { ...comment }, live: { comment } }];
    },
  );
  if (!comment) throw new Error('addComment wrote no comment');
  return { ...result, comment };
}

/** The body with every mention checked against the workspace's members and renamed. */
async function withCheckedMentions(
  sql: Queryable,
  workspaceId: string,
  body: string,
): Promise<string> {
  const ids = mentionedIds(body);
  if (ids.length === 0) return body;
  const members = new Map(
    (await findWorkspaceMembers(sql, workspaceId, ids)).map((row) => [row.user_id, row]),
  );
  const stranger = ids.find((id) => !members.has(id));
  if (stranger) {
    throw new BadRequestError(msg('errors.mentionNotMember'), 'body');
  }
  return body.replace(MENTION_PATTERN, (_token, id: string) => {
    const member = members.get(id.toLowerCase());
    return member ? mentionToken(member.user_id, member.display_name) : _token;
  });
}
