// The sentence a 409 shows: who changed the claim under the person's feet and what is
// different now, so they can decide what to re-apply. Built from the claim they started
// from, the server's current claim and the latest actor in the claim's history.
import type { Claim, ClaimEvent, VerdictScale } from '@factdesk/model';
import { STATUS_LABELS, verdictName } from '../../../components/claimWords.ts';
import { formatDate } from '../../../components/formatDate.ts';

function names(people: { name: string }[]): string {
  return people.map((person) => person.name).join(', ');
}

/** What differs between the two versions, as short clauses ("verdict is now False"). */
export function claimDifferences(base: Claim, current: Claim, scale: VerdictScale): string[] {
  const changes: string[] = [];
  if (base.verdict !== current.verdict) {
    changes.push(
      current.verdict === null
        ? 'the verdict was withdrawn'
        : `verdict is now ${verdictName(scale, current.verdict)}`,
    );
  }
  if (base.status !== current.status) {
    changes.push(`status is now ${STATUS_LABELS[current.status]}`);
  }
  if (base.statement !== current.statement) changes.push('the statement was edited');
  if (base.rationale !== current.rationale) changes.push('the rationale was edited');
  if (JSON.stringify(base.claimant) !== JSON.stringify(current.claimant)) {
    changes.push(
      current.claimant
        ? `the claimant is now ${current.claimant.name}`
        : 'the claimant was removed',
    );
  }
  if (base.tags.join('\n') !== current.tags.join('\n')) changes.push('the tags changed');
  if (names(base.assignees) !== names(current.assignees)) {
    changes.push(
      current.assignees.length === 0
        ? 'no one is assigned now'
        : `assigned to ${names(current.assignees)}`,
    );
  }
  if (base.dueAt !== current.dueAt) {
    changes.push(current.dueAt ? `due ${formatDate(current.dueAt)}` : 'the due date was removed');
  }
  if (base.evidenceCount !== current.evidenceCount) {
    changes.push(`it has ${current.evidenceCount} evidence links`);
  } else if (base.anchor.start !== current.anchor.start || base.orphaned !== current.orphaned) {
    changes.push(current.orphaned ? 'its text was deleted' : 'it was re-anchored');
  }
  return changes;
}

/** Who made the latest change since `since` (ISO time), from the claim's history. */
export function latestActor(
  events: ClaimEvent[],
  since: string,
): { id: string; name: string } | null {
  const from = Date.parse(since);
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (!event || Date.parse(event.createdAt) < from) break;
    if (event.actor) return event.actor;
  }
  return null;
}

export function describeConflict(options: {
  base: Claim;
  current: Claim;
  scale: VerdictScale;
  actor: { id: string; name: string } | null;
  myUserId: string;
  /** The server's sentence, used when no difference can be named. */
  serverMessage: string;
}): string {
  const { base, current, scale, actor, myUserId } = options;
  const who =
    actor === null ? 'Someone' : actor.id === myUserId ? 'You (in another window)' : actor.name;
  const changes = claimDifferences(base, current, scale);
  if (changes.length === 0) {
    const message = /[.!?]$/.test(options.serverMessage)
      ? options.serverMessage
      : `${options.serverMessage}.`;
    return `${message} Your change was not saved.`;
  }
  const list =
    changes.length === 1
      ? changes[0]
      : `${changes.slice(0, -1).join(', ')} and ${changes[changes.length - 1]}`;
  return `${who} changed this claim while you were editing: ${list}. Your change was not saved.`;
}
