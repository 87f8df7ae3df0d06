import { DEFAULT_VERDICT_SCALE } from '@factdesk/model';
import { describe, expect, test } from 'vitest';
import { draftOf, keyFor, mappingOf, newLabel, scaleOf } from './scaleDraft.ts';

describe('scale draft', () => {
  test('the default scale round-trips through the editor unchanged, null rating included', () => {
    expect(scaleOf(draftOf(DEFAULT_VERDICT_SCALE))).toEqual(DEFAULT_VERDICT_SCALE);
  });

  test('a new verdict gets a key from its text, unique on the scale', () => {
    const draft = draftOf(DEFAULT_VERDICT_SCALE);
    draft.labels.push({ ...newLabel(), label: 'Mostly True!', rating: '4.5' });
    draft.labels.push({ ...newLabel(), label: 'Ça dépend', rating: '' });
    const labels = scaleOf(draft).labels.slice(-2);
    expect(labels).toEqual([
      { key: 'mostly_true_2', label: 'Mostly True!', ratingValue: 4.5 },
      { key: 'ca_depend', label: 'Ça dépend', ratingValue: null },
    ]);
    expect(keyFor('!!!', new Set())).toBe('verdict');
  });

  test('the preview maps each verdict in use from its current reading to the edited one', () => {
    const draft = draftOf(DEFAULT_VERDICT_SCALE);
    const falseRow = draft.labels.find((label) => label.key === 'false');
    if (!falseRow) throw new Error('no False');
    falseRow.label = 'Pants on fire';
    falseRow.rating = '0';
    draft.labels = draft.labels.filter((label) => label.key !== 'mixed');
    const mapping = mappingOf(DEFAULT_VERDICT_SCALE, scaleOf(draft), [
      { key: 'false', claims: 2, approved: 1 },
      { key: 'mixed', claims: 1, approved: 0 },
      { key: 'true', claims: 0, approved: 0 },
    ]);
    expect(mapping).toEqual([
      {
        key: 'false',
        claims: 2,
        approved: 1,
        before: { label: 'False', rating: 1 },
        after: { label: 'Pants on fire', rating: 0 },
      },
      { key: 'mixed', claims: 1, approved: 0, before: { label: 'Mixed', rating: 3 }, after: null },
    ]);
  });
});
