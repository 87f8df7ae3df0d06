// Types of ensureBuilt.mjs (plain JavaScript: `pnpm start` runs it before anything is built).
export const ROOT: string;
export function isStale(name: 'server' | 'web'): boolean;
export function ensureBuilt(names?: Array<'server' | 'web'>): void;
