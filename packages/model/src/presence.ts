// Who is in a document, as everyone sees them: the caret colours the server hands out. The
// web app draws selections with a class per colour (the Content-Security-Policy allows no
// inline styles), so the list lives here, where both sides read it.

/** Caret colours that keep AA contrast for white name labels. */
export const CARET_COLORS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
] as const;

/** A user's caret colour: stable across sessions and devices. */
export function caretColorOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return CARET_COLORS[hash % CARET_COLORS.length] as string;
}

/**
 * The colour a user gets in a document: the one already theirs there (another tab), else
 * their own colour if nobody else in it has it, else the first colour nobody has, so people
 * side by side never look alike while there are colours to go round.
 */
export function caretColorAmong(userId: string, others: ReadonlyMap<string, string>): string {
  const mine = others.get(userId);
  if (mine) return mine;
  const preferred = caretColorOf(userId);
  const taken = new Set(others.values());
  if (!taken.has(preferred)) return preferred;
  return CARET_COLORS.find((color) => !taken.has(color)) ?? preferred;
}
