// Plain words for the operating-system and PostgreSQL errors a set-up can run into, so a
// start-up failure reads as what to fix ("permission denied") instead of an errno dump.

const SYSTEM_ERRORS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ECONNREFUSED: 'connection refused (is PostgreSQL running and listening there?)',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ETIMEDOUT: 'the connection timed out',
  CONNECT_TIMEOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ECONNRESET: 'the connection was reset',
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'this machine has no such address',
  // PostgreSQL SQLSTATEs worth a sentence of their own.
  '28P01': 'the password was refused',
  '28000': 'this user may not connect',
  '3D000': 'the database does not exist',
};

/** A short explanation of `error`, e.g. "permission denied (EACCES)". */
export function describeSystemError(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const words = SYSTEM_ERRORS[code];
  if (words) return `${words} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
