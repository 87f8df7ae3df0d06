// Where to go after logging in: only paths inside Factdesk, never another site.
export function safeNext(next: string | null): string {
  const inside = next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  return inside && next ? next : '/';
}
