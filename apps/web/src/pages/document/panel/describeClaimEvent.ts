// One audit event as a sentence people read in the claim's history: "Rita Reviewer proposed
// the verdict False." Built from the event's type, actor and before/after snapshots.
import type { ClaimEvent, VerdictScale } from '@factdesk/model';
import { verdictName } from '../../../components/claimWords.ts';
import { formatDate } from '../../../components/formatDate.ts';

type Snapshot = Record<string, unknown> | null;

/** How the history names people it only knows by id (assignees): workspace members first. */
export type NameOf = (userId: string) => string | undefined;

function text(snapshot: Snapshot, key: string): string | null {
  const value = snapshot?.[key];
  return typeof value === 'string' ? value : null;
}

function ids(snapshot: Snapshot, key: string): string[] {
  const value = snapshot?.[key];
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : [];
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function quoted(value: string, limit = 60): string {
  const short = value.length > limit ? `${value.slice(0, limit - 1).trimEnd()}…` : value;
  return `“${short}”`;
}

function evidenceName(snapshot: Snapshot): string {
  return text(snapshot, 'title') || text(snapshot, 'displayHost') || 'a link';
}

function archivedOnly(before: Snapshot, after: Snapshot): boolean {
  const keys = Object.keys(after ?? {});
  return (
    keys.length === 1 &&
    keys[0] === 'archiveUrl' &&
    !text(before, 'archiveUrl') &&
    !!text(after, 'archiveUrl')
  );
}

function people(userIds: string[], nameOf: NameOf): string {
  return list(userIds.map((id) => nameOf(id) ?? 'a former member'));
}

/** What an edit changed: "edited the statement and the tags". The event lists only changed fields. */
function updatedFields(before: Snapshot, after: Snapshot): string {
  const keys = Object.keys(after ?? before ?? {});
  const parts: string[] = [];
  if (keys.includes('statement')) parts.push('the statement');
  if (keys.includes('rationale')) parts.push('the rationale');
  if (keys.includes('tags')) parts.push('the tags');
  const claimant = keys.includes('claimant_name') || keys.includes('claimant_type');
  const name = text(after, 'claimant_name');
  if (claimant && name) {
    return `set the claimant to ${name}${parts.length ? ` and edited ${list(parts)}` : ''}`;
  }
  if (claimant) parts.splice(1, 0, 'the claimant');
  return parts.length ? `edited ${list(parts)}` : 'edited the claim';
}

/** The verdict an event is about: changed by it (after), or unchanged (its subject). */
function verdictOf(event: ClaimEvent): string | null {
  return (
    text(event.after, 'verdict') ?? text(event.subject, 'verdict') ?? text(event.before, 'verdict')
  );
}

/** The sentence without its subject: "proposed the verdict False". */
function predicate(event: ClaimEvent, scale: VerdictScale, nameOf: NameOf): string {
  const { before, after } = event;
  switch (event.type) {
    case 'claim.created':
      return 'created the claim';
    case 'claim.updated':
      return updatedFields(before, after);
    case 'claim.assigned': {
      const added = ids(after, 'assigneeIds').filter(
        (id) => !ids(before, 'assigneeIds').includes(id),
      );
      const due = text(after, 'dueAt');
      const dueChanged = due !== text(before, 'dueAt');
      const dueText = dueChanged ? (due ? `due ${formatDate(due)}` : 'no due date') : '';
      if (added.length === 0)
        return dueChanged ? `set the claim ${dueText}` : 'confirmed the assignment';
      return `assigned ${people(added, nameOf)}${dueText ? `, ${dueText}` : ''}`;
    }
    case 'claim.unassigned': {
      const removed = ids(before, 'assigneeIds').filter(
        (id) => !ids(after, 'assigneeIds').includes(id),
      );
      return `unassigned ${people(removed, nameOf) || 'a reviewer'}`;
    }
    case 'claim.review_started':
      return 'started the review';
    case 'claim.verdict_proposed':
      return `proposed the verdict ${verdictName(scale, verdictOf(event))}`;
    case 'claim.verdict_reused': {
      // Where it came from, as it was then: the source claim may since be gone.
      const from = text(event.subject, 'from_statement');
      const title = text(event.subject, 'from_document_title');
      return `reused the verdict ${verdictName(scale, verdictOf(event))} from ${
        from ? `the claim ${quoted(from)}` : 'an approved claim'
      }${title ? ` in “${title}”` : ''}, with its rationale and evidence (proposed, for approval)`;
    }
    case 'claim.approved': {
      // The label approval froze, else (older events) the scale's name for the key.
      const label = text(after, 'approved_label') ?? verdictName(scale, verdictOf(event));
      return `approved the verdict ${label}${
        after?.approval_override === true ? ', overriding the four-eyes rule' : ''
      }`;
    }
    case 'claim.returned': {
      const reason = text(event.subject, 'reason') ?? text(after, 'reason');
      return `returned the claim to review${reason ? `: ${quoted(reason, 200)}` : ''}`;
    }
    case 'claim.review_submitted': {
      // Before every verdict is in, the server sends only the round.
      const verdict = text(after, 'verdict');
      return verdict
        ? `gave an independent verdict: ${verdictName(scale, verdict)}`
        : 'gave an independent verdict (hidden until every reviewer has proposed)';
    }
    case 'claim.reviews_revealed':
      return event.subject?.agreed === true
        ? `completed the blind review: every reviewer said ${verdictName(scale, verdictOf(event))} (proposed, for approval)`
        : 'completed the blind review: the verdicts disagree, a moderator decides';
    case 'claim.adjudicated':
      return `decided between the reviewers' verdicts: ${verdictName(scale, verdictOf(event))}${
        after?.approval_override === true ? ', overriding the four-eyes rule' : ''
      } (approved)`;
    case 'claim.reopened':
      return 'reopened the claim';
    case 'claim.reanchored': {
      const quote = text(after, 'current_quote') || text(after, 'quote_exact');
      return `re-anchored the claim${quote ? ` to ${quoted(quote)}` : ''}`;
    }
    case 'claim.orphaned':
      return 'lost its text: the quoted passage was deleted';
    case 'evidence.added':
      return `added evidence: ${evidenceName(after)}`;
    case 'evidence.updated':
      // Only an archived copy added: "Archive now" (or automatic archiving) did it.
      if (archivedOnly(before, after)) {
        return `archived evidence: ${evidenceName(event.subject ?? after)}`;
      }
      return `edited evidence: ${evidenceName(event.subject ?? after)}`;
    case 'evidence.removed':
      return `removed evidence: ${evidenceName(before)}`;
    case 'comment.added':
      return 'commented';
  }
}

export function describeClaimEvent(event: ClaimEvent, scale: VerdictScale, nameOf: NameOf): string {
  // Events without an actor are the server's own work (anchors following edits).
  if (event.actor === null) {
    if (event.type === 'claim.orphaned')
      return 'The quoted passage was deleted: the claim is orphaned.';
    if (event.type === 'claim.reanchored') {
      const quote = text(event.after, 'current_quote') || text(event.after, 'quote_exact');
      return `The claim followed its quote${quote ? ` to ${quoted(quote)}` : ''}.`;
    }
    if (event.type === 'evidence.updated' && archivedOnly(event.before, event.after)) {
      return sentence(`Archived automatically: ${evidenceName(event.subject ?? event.after)}`);
    }
    return sentence(capitalize(predicate(event, scale, nameOf)));
  }
  return sentence(`${event.actor.name} ${predicate(event, scale, nameOf)}`);
}

/** Ends with a full stop unless a quoted reason already ends the sentence. */
function sentence(text: string): string {
  return /[.!?]”?$/.test(text) ? text : `${text}.`;
}

function capitalize(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
