// One audit event as a sentence people read in the claim's history: "Rita Reviewer proposed
// the verdict False." Built from the event's type, actor and before/after snapshots; each
// event type is one whole message of the catalogs, so every language words it its own way.
import type { ClaimEvent, VerdictScale } from '@factdesk/model';
import type { IntlShape } from 'react-intl';
import { verdictName } from '../../../components/claimWords.ts';
import { formatDate } from '../../../components/formatDate.ts';
import type { MessageId } from '../../../i18n/catalogs.ts';

type Snapshot = Record<string, unknown> | null;
type Values = Record<string, string | number | boolean>;

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

/** A quoted passage cut to a readable length; the message puts the quotation marks around it. */
function shortened(value: string, limit = 60): string {
  return value.length > limit ? `${value.slice(0, limit - 1).trimEnd()}…` : value;
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

/** The verdict an event is about: changed by it (after), or unchanged (its subject). */
function verdictOf(event: ClaimEvent): string | null {
  return (
    text(event.after, 'verdict') ?? text(event.subject, 'verdict') ?? text(event.before, 'verdict')
  );
}

/** The message and its values for an event: "{actor} proposed the verdict {verdict}". */
function wording(
  intl: IntlShape,
  event: ClaimEvent,
  scale: VerdictScale,
  nameOf: NameOf,
): [MessageId, Values] {
  const say = (id: MessageId) => intl.formatMessage({ id });
  const list = (items: string[]) => intl.formatList(items, { type: 'conjunction' });
  const people = (userIds: string[]) =>
    list(userIds.map((id) => nameOf(id) ?? say('history.formerMember')));
  const evidenceName = (snapshot: Snapshot) =>
    text(snapshot, 'title') || text(snapshot, 'displayHost') || say('history.aLink');
  const { before, after } = event;
  switch (event.type) {
    case 'claim.created':
      return ['history.created', {}];
    case 'claim.updated': {
      // The event lists only the fields that changed.
      const keys = Object.keys(after ?? before ?? {});
      const fields: string[] = [];
      if (keys.includes('statement')) fields.push(say('history.field.statement'));
      if (keys.includes('rationale')) fields.push(say('history.field.rationale'));
      if (keys.includes('tags')) fields.push(say('history.field.tags'));
      const claimant = keys.includes('claimant_name') || keys.includes('claimant_type');
      const name = text(after, 'claimant_name');
      if (claimant && name) {
        return [
          'history.claimantSet',
          { name, hasFields: fields.length > 0, fields: list(fields) },
        ];
      }
      if (claimant) fields.splice(1, 0, say('history.field.claimant'));
      return fields.length
        ? ['history.updated', { fields: list(fields) }]
        : ['history.updatedClaim', {}];
    }
    case 'claim.assigned': {
      const added = ids(after, 'assigneeIds').filter(
        (id) => !ids(before, 'assigneeIds').includes(id),
      );
      const due = text(after, 'dueAt');
      const dueChanged = due !== text(before, 'dueAt');
      const dueValues = {
        due: dueChanged ? (due ? 'set' : 'cleared') : 'same',
        date: due ? formatDate(intl, due) : '',
      };
      if (added.length === 0) {
        return dueChanged ? ['history.dueSet', dueValues] : ['history.assignmentConfirmed', {}];
      }
      return ['history.assigned', { people: people(added), ...dueValues }];
    }
    case 'claim.unassigned': {
      const removed = ids(before, 'assigneeIds').filter(
        (id) => !ids(after, 'assigneeIds').includes(id),
      );
      return [
        'history.unassigned',
        { people: removed.length ? people(removed) : say('history.aReviewer') },
      ];
    }
    case 'claim.review_started':
      return ['history.reviewStarted', {}];
    case 'claim.verdict_proposed':
      return ['history.verdictProposed', { verdict: verdictName(intl, scale, verdictOf(event)) }];
    case 'claim.verdict_reused': {
      // Where it came from, as it was then: the source claim may since be gone.
      const from = text(event.subject, 'from_statement');
      const title = text(event.subject, 'from_document_title');
      return [
        'history.verdictReused',
        {
          verdict: verdictName(intl, scale, verdictOf(event)),
          hasFrom: from !== null,
          from: from ? shortened(from) : '',
          hasTitle: Boolean(title),
          title: title ?? '',
        },
      ];
    }
    case 'claim.approved': {
      // The label approval froze, else (older events) the scale's name for the key.
      const label = text(after, 'approved_label') ?? verdictName(intl, scale, verdictOf(event));
      return ['history.approved', { verdict: label, override: after?.approval_override === true }];
    }
    case 'claim.returned': {
      const reason = text(event.subject, 'reason') ?? text(after, 'reason');
      return [
        'history.returned',
        { hasReason: Boolean(reason), reason: reason ? shortened(reason, 200) : '' },
      ];
    }
    case 'claim.review_submitted': {
      // Before every verdict is in, the server sends only the round.
      const verdict = text(after, 'verdict');
      return [
        'history.reviewSubmitted',
        { hasVerdict: verdict !== null, verdict: verdict ? verdictName(intl, scale, verdict) : '' },
      ];
    }
    case 'claim.reviews_revealed':
      return [
        'history.reviewsRevealed',
        {
          agreed: event.subject?.agreed === true,
          verdict: verdictName(intl, scale, verdictOf(event)),
        },
      ];
    case 'claim.adjudicated':
      return [
        'history.adjudicated',
        {
          verdict: verdictName(intl, scale, verdictOf(event)),
          override: after?.approval_override === true,
        },
      ];
    case 'claim.reopened':
      return ['history.reopened', {}];
    case 'claim.reanchored': {
      const quote = text(after, 'current_quote') || text(after, 'quote_exact');
      return [
        'history.reanchored',
        { hasQuote: Boolean(quote), quote: quote ? shortened(quote) : '' },
      ];
    }
    case 'claim.orphaned':
      return ['history.orphaned', {}];
    case 'evidence.added':
      return ['history.evidenceAdded', { name: evidenceName(after) }];
    case 'evidence.updated':
      // Only an archived copy added: "Archive now" (or automatic archiving) did it.
      if (archivedOnly(before, after)) {
        return ['history.evidenceArchived', { name: evidenceName(event.subject ?? after) }];
      }
      return ['history.evidenceEdited', { name: evidenceName(event.subject ?? after) }];
    case 'evidence.removed':
      return ['history.evidenceRemoved', { name: evidenceName(before) }];
    case 'comment.added':
      return ['history.commented', {}];
  }
}

export function describeClaimEvent(
  intl: IntlShape,
  event: ClaimEvent,
  scale: VerdictScale,
  nameOf: NameOf,
): string {
  // Events without an actor are the server's own work (anchors following edits).
  if (event.actor === null) {
    if (event.type === 'claim.orphaned')
      return intl.formatMessage({ id: 'history.server.orphaned' });
    if (event.type === 'claim.reanchored') {
      const quote = text(event.after, 'current_quote') || text(event.after, 'quote_exact');
      return intl.formatMessage(
        { id: 'history.server.reanchored' },
        { hasQuote: Boolean(quote), quote: quote ? shortened(quote) : '' },
      );
    }
    if (event.type === 'evidence.updated' && archivedOnly(event.before, event.after)) {
      const name =
        text(event.subject ?? event.after, 'title') ||
        text(event.subject ?? event.after, 'displayHost') ||
        intl.formatMessage({ id: 'history.aLink' });
      return sentence(intl.formatMessage({ id: 'history.server.archived' }, { name }));
    }
  }
  const [id, values] = wording(intl, event, scale, nameOf);
  const actor = event.actor?.name ?? intl.formatMessage({ id: 'history.server' });
  return sentence(intl.formatMessage({ id }, { actor, ...values }));
}

/** Ends with a full stop unless a quoted reason already ends the sentence. */
function sentence(text: string): string {
  return /[.!?]\u202f?[”»]?$/.test(text) ? text : `${text}.`;
}
