import type { Member } from '@factdesk/model';
import { describe, expect, it } from 'vitest';
import { withMentionTokens } from './withMentionTokens.ts';

const member = (userId: string, displayName: string): Member => ({
  userId,
  displayName,
  email: `${displayName.split(' ')[0]?.toLowerCase()}@example.com`,
  role: 'reviewer',
  joinedAt: '2026-12-01T00:00:00.000Z',
  abilities: { resetLink: false },
});

const ann = member('11111111-1111-4111-8111-111111111111', 'Ann');
const annLee = member('22222222-2222-4222-8222-222222222222', 'Ann Lee');

describe('withMentionTokens', () => {
  it('turns "@Name" of a member into a token, the longest name first', () => {
    expect(withMentionTokens('Ask @Ann Lee and @Ann, please', [ann, annLee])).toBe(
      `Ask <@${annLee.userId}|Ann Lee> and <@${ann.userId}|Ann>, please`,
    );
  });

  it('leaves e-mail addresses, partial names and strangers alone', () => {
    const text = 'Write to desk@Ann.org, ask @Annabel, @Annélie or @Zoe';
    expect(withMentionTokens(text, [ann, annLee])).toBe(text);
  });

  it('keeps the text as it is while the members are not loaded', () => {
    expect(withMentionTokens('@Ann', undefined)).toBe('@Ann');
  });
});
