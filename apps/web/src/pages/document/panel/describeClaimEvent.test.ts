// History sentences are read by people deciding whom to ask about a verdict: each event type
// must read as a sentence naming the actor, the verdict label and the people involved.
import { type ClaimEvent, DEFAULT_VERDICT_SCALE } from '@factdesk/model';
import { createIntl } from 'react-intl';
import { describe, expect, test } from 'vitest';
import { CATALOGS } from '../../../i18n/catalogs.ts';
import { describeClaimEvent } from './describeClaimEvent.ts';

const olive = { id: '00000000-0000-4000-8000-000000000001', name: 'Olive Owner' };
const ritaId = '00000000-0000-4000-8000-000000000002';
const names = (id: string) => (id === ritaId ? 'Rita Reviewer' : undefined);

function event(type: ClaimEvent['type'], changes: Partial<ClaimEvent> = {}): ClaimEvent {
  return {
    id: 1,
    claimId: '00000000-0000-4000-8000-0000000000c1',
    documentId: '00000000-0000-4000-8000-0000000000d1',
    type,
    actor: olive,
    before: null,
    after: null,
    subject: null,
    createdAt: '2026-12-02T10:00:00.000Z',
    ...changes,
  };
}

const english = createIntl({ locale: 'en', messages: CATALOGS.en });
const say = (e: ClaimEvent) => describeClaimEvent(english, e, DEFAULT_VERDICT_SCALE, names);

describe('describeClaimEvent', () => {
  test('verdicts are named by their label', () => {
    expect(say(event('claim.verdict_proposed', { after: { verdict: 'mostly_true' } }))).toBe(
      'Olive Owner proposed the verdict Mostly true.',
    );
    expect(say(event('claim.approved', { after: { verdict: 'false' } }))).toBe(
      'Olive Owner approved the verdict False.',
    );
  });

  test('a reused verdict names the claim and the document it came from, as they were', () => {
    const reused = event('claim.verdict_reused', {
      after: { status: 'verdict_proposed', verdict: 'false' },
      subject: {
        verdict: 'false',
        from_statement: 'Le chômage a baissé de 10 % en un an',
        from_document_title: 'Le bilan du ministre',
      },
    });
    expect(say(reused)).toBe(
      'Olive Owner reused the verdict False from the claim “Le chômage a baissé de 10 % en un an” in “Le bilan du ministre”, with its rationale and evidence (proposed, for approval).',
    );
  });

  test('assignments name who was added; unknown ids read as a former member', () => {
    const assigned = event('claim.assigned', {
      before: { assigneeIds: [], dueAt: null },
      after: { assigneeIds: [ritaId, 'gone'], dueAt: null },
    });
    expect(say(assigned)).toBe('Olive Owner assigned Rita Reviewer and a former member.');
    const unassigned = event('claim.unassigned', {
      before: { assigneeIds: [ritaId] },
      after: { assigneeIds: [] },
    });
    expect(say(unassigned)).toBe('Olive Owner unassigned Rita Reviewer.');
  });

  test('edits name the fields; a return quotes its reason without a doubled full stop', () => {
    expect(say(event('claim.updated', { after: { statement: 'x', tags: [] } }))).toBe(
      'Olive Owner edited the statement and the tags.',
    );
    expect(say(event('claim.returned', { after: { reason: 'Check the base year.' } }))).toBe(
      'Olive Owner returned the claim to review: “Check the base year.”',
    );
  });

  test('an edit names every field it changed, the tags included beside a new claimant', () => {
    // Regression: with a claimant set, the sentence returned before the tags were listed.
    const edit = event('claim.updated', {
      before: { claimant_name: null, claimant_type: null, tags: [] },
      after: { claimant_name: 'The minister', claimant_type: 'person', tags: ['economy'] },
    });
    expect(say(edit)).toBe('Olive Owner set the claimant to The minister and edited the tags.');
    expect(say(event('claim.updated', { after: { claimant_type: 'person' } }))).toBe(
      'Olive Owner edited the claimant.',
    );
  });

  test('approval names the frozen label and says when the four-eyes rule was overridden', () => {
    const approved = event('claim.approved', {
      before: { status: 'verdict_proposed', approval_override: false },
      after: { status: 'approved', approved_label: 'Pants on fire', approval_override: true },
      subject: { verdict: 'false' },
    });
    expect(say(approved)).toBe(
      'Olive Owner approved the verdict Pants on fire, overriding the four-eyes rule.',
    );
    // A verdict that did not change is named from the event's subject.
    const proposed = event('claim.verdict_proposed', {
      after: { status: 'verdict_proposed' },
      subject: { verdict: 'mixed' },
    });
    expect(say(proposed)).toBe('Olive Owner proposed the verdict Mixed.');
    const returned = event('claim.returned', {
      after: { status: 'in_review' },
      subject: { verdict: 'mixed', reason: 'Add a source.' },
    });
    expect(say(returned)).toBe('Olive Owner returned the claim to review: “Add a source.”');
  });

  test('evidence is named by title, else by host', () => {
    expect(
      say(
        event('evidence.updated', {
          after: { stance: 'refutes' },
          subject: { title: 'Rent index', displayHost: 'stats.example' },
        }),
      ),
    ).toBe('Olive Owner edited evidence: Rent index.');
    expect(
      say(event('evidence.added', { after: { title: '', displayHost: 'bücher.example' } })),
    ).toBe('Olive Owner added evidence: bücher.example.');
    expect(say(event('evidence.removed', { before: { title: 'Rent index' } }))).toBe(
      'Olive Owner removed evidence: Rent index.',
    );
  });

  test('an archived copy added on its own reads as archiving, by a person or the server', () => {
    const archived = {
      before: { archiveUrl: null },
      after: { archiveUrl: 'https://web.archive.org/web/2026/https://stats.example/rent' },
      subject: { title: 'Rent index', displayHost: 'stats.example' },
    };
    expect(say(event('evidence.updated', archived))).toBe(
      'Olive Owner archived evidence: Rent index.',
    );
    expect(say(event('evidence.updated', { ...archived, actor: null }))).toBe(
      'Archived automatically: Rent index.',
    );
    // A copy typed over another one is an edit like any other.
    expect(
      say(
        event('evidence.updated', { ...archived, before: { archiveUrl: 'https://a.example/1' } }),
      ),
    ).toBe('Olive Owner edited evidence: Rent index.');
  });

  test('the server’s own anchor work reads without an actor', () => {
    expect(say(event('claim.orphaned', { actor: null }))).toBe(
      'The quoted passage was deleted: the claim is orphaned.',
    );
    expect(say(event('claim.reanchored', { actor: null, after: { current_quote: 'rents' } }))).toBe(
      'The claim followed its quote to “rents”.',
    );
  });
});
