// Random bearer secrets (session cookies, API tokens, invite and password reset links). Only their SHA-256 is
// stored: they carry 256 bits of entropy, so a fast hash is enough and lookups stay indexed.
import { createHash, randomBytes } from 'node:crypto';

export type SecretKind = 'session' | 'token' | 'invite' | 'reset';
const PREFIX: Record<SecretKind, string> = {
  session: 'fds_',
  token: 'fdt_',
  invite: 'fdi_',
  reset: 'fdr_',
};

export function newSecret(kind: SecretKind): string {
  return PREFIX[kind] + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function isSecretOf(kind: SecretKind, value: string): boolean {
  return value.startsWith(PREFIX[kind]) && /^[A-Za-z0-9_-]{43}$/.test(value.slice(4));
}
