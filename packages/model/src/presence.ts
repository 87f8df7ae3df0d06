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
