// addComment: a message in the claim's thread. An append never overwrites anyone, so it
// carries no version and does not change the claim's; comments stay open on approved claims.
import type { Comment } from '@factdesk/model';
import { BadRequestError } from '../../errors.ts';
import { presentComment } from '../../presenters/claims.ts';
import { insertComment } from '../../queries/claimComments.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { writeClaim } from './writeClaim.ts';

export async function addComment(deps: ClaimDeps, actorId: string, claimId: string, body: string) {
  const text = body.trim();
  if (text.length === 0) throw new BadRequestError('body cannot be empty.', 'body');
  let comment: Comment | undefined;
  const result = await writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'comment', verb: 'comment' },
    async ({ tx }) => {
      comment = presentComment(await insertComment(tx, claimId, actorId, text));
      return [{ type: 'comment.added', before: null, after: { ...comment }, live: { comment } }];
    },
  );
  if (!comment) throw new Error('addComment wrote no comment');
  return { ...result, comment };
}
