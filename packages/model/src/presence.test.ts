// Caret colours: stable per user, and distinct among the people in one document while the
// palette lasts.
import { describe, expect, it } from 'vitest';
import { CARET_COLORS, caretColorAmong, caretColorOf } from './presence.ts';

const ids = Array.from(
  { length: 40 },
  (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
);

describe('caret colours', () => {
  it('give a user their own colour when nobody else has it', () => {
    const id = ids[0] as string;
    expect(caretColorAmong(id, new Map())).toBe(caretColorOf(id));
  });

  it('keep the colour a user already has in the document (a second tab)', () => {
    const id = ids[1] as string;
    expect(caretColorAmong(id, new Map([[id, '#be185d']]))).toBe('#be185d');
  });

  it('never repeat a colour among eight people joining one after another', () => {
    const present = new Map<string, string>();
    for (const id of ids.slice(0, CARET_COLORS.length)) {
      present.set(id, caretColorAmong(id, present));
    }
    expect(new Set(present.values()).size).toBe(CARET_COLORS.length);
  });

  it('fall back to the user’s own colour once every colour is taken', () => {
    const present = new Map(CARET_COLORS.map((color, i) => [ids[i] as string, color]));
    const late = ids[30] as string;
    expect(caretColorAmong(late, present)).toBe(caretColorOf(late));
  });
});
