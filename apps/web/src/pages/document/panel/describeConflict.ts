// The sentence a 409 shows: who changed the claim under the person's feet and what is
// different now, so they can decide what to re-apply. Built from the claim they started
// from, the server's current claim and the latest actor in the claim's history.
import type { Claim, ClaimEvent, VerdictScale } from '@factdesk/model';
import type { IntlShape } from 'react-intl';
import { statusLabel, verdictName } from '../../../components/claimWords.ts';
import { formatDate } from '../../../components/formatDate.ts';

function names(people: { name: string }[]): string {
  return people.map((person) => person.name).join(', ');
}

/** What differs between the two versions, as short clauses ("verdict is now False"). */
export function claimDifferences(
  intl: IntlShape,
  base: Claim,
  current: Claim,
  scale: VerdictScale,
): string[] {
  const say = intl.formatMessage;
  const changes: string[] = [];
  if (base.verdict !== current.verdict) {
    changes.push(
      current.verdict === null
        ? say({ id: 'conflict.verdictWithdrawn' })
        : say(
            { id: 'conflict.verdictNow' },
            { verdict: verdictName(intl, scale, current.verdict) },
          ),
    );
  }
  if (base.status !== current.status) {
    changes.push(say({ id: 'conflict.statusNow' }, { status: statusLabel(intl, current.status) }));
  }
  if (base.statement !== current.statement) changes.push(say({ id: 'conflict.statementEdited' }));
  if (base.rationale !== current.rationale) changes.push(say({ id: 'conflict.rationaleEdited' }));
  if (JSON.stringify(base.claimant) !== JSON.stringify(current.claimant)) {
    changes.push(
      current.claimant
        ? say({ id: 'conflict.claimantNow' }, { name: current.claimant.name })
        : say({ id: 'conflict.claimantRemoved' }),
    );
  }
  if (base.tags.join('\n') !== current.tags.join('\n')) {
    changes.push(say({ id: 'conflict.tagsChanged' }));
  }
  if (names(base.assignees) !== names(current.assignees)) {
    changes.push(
      current.assignees.length === 0
        ? say({ id: 'conflict.nobodyAssigned' })
        : say(
            { id: 'conflict.assignedTo' },
            {
              names: intl.formatList(
                current.assignees.map((person) => person.name),
                { type: 'conjunction' },
              ),
            },
          ),
    );
  }
  if (base.dueAt !== current.dueAt) {
    changes.push(
      current.dueAt
        ? say({ id: 'conflict.due' }, { date: formatDate(intl, current.dueAt) })
        : say({ id: 'conflict.dueRemoved' }),
    );
  }
  if (base.evidenceCount !== current.evidenceCount) {
    changes.push(say({ id: 'conflict.evidenceCount' }, { count: current.evidenceCount }));
  } else if (base.anchor.start !== current.anchor.start || base.orphaned !== current.orphaned) {
    changes.push(say({ id: current.orphaned ? 'conflict.textDeleted' : 'conflict.reanchored' }));
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

export function describeConflict(
  intl: IntlShape,
  options: {
    base: Claim;
    current: Claim;
    scale: VerdictScale;
    actor: { id: string; name: string } | null;
    myUserId: string;
    /** The server's sentence, used when no difference can be named. */
    serverMessage: string;
  },
): string {
  const { base, current, scale, actor, myUserId } = options;
  const say = intl.formatMessage;
  const who =
    actor === null
      ? say({ id: 'conflict.someone' })
      : actor.id === myUserId
        ? say({ id: 'conflict.youElsewhere' })
        : actor.name;
  const changes = claimDifferences(intl, base, current, scale);
  if (changes.length === 0) {
    // The server's sentence stays in English (docs/i18n.md).
    const message = /[.!?]$/.test(options.serverMessage)
      ? options.serverMessage
      : `${options.serverMessage}.`;
    return say({ id: 'conflict.notSaved' }, { message });
  }
  return say(
    { id: 'conflict.changed' },
    { who, changes: intl.formatList(changes, { type: 'conjunction' }) },
  );
}
