// What a comment box's text becomes when sent: "@Name" of members as mention tokens.
import { type Member, mentionToken } from '@factdesk/model';

/**
 * The comment as sent: each "@Name" of a member (chosen in the list or typed in full)
 * becomes a mention token. Longer names first, so "@Ann Lee" wins over "@Ann".
 */
export function withMentionTokens(text: string, members: Member[] | undefined): string {
  if (!members || !text.includes('@')) return text;
  const byLength = [...members].sort((a, b) => b.displayName.length - a.displayName.length);
  let result = text;
  for (const member of byLength) {
    const pattern = new RegExp(
      `(^|\\s)@${escapeRegExp(member.displayName)}(?![\\p{L}\\p{N}_])`,
      'gu',
    );
    result = result.replace(
      pattern,
      (_all, before: string) => `${before}${mentionToken(member.userId, member.displayName)}`,
    );
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
