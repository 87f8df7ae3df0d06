// Password hashing with argon2id (OWASP's minimum: 19 MiB memory, 2 iterations).
import { hash, verify } from '@node-rs/argon2';

// algorithm 2 is Argon2id (a const enum in the library's types, not importable here).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never authenticates
  }
}

// Verified against when the email is unknown, so that case costs the same time as a wrong
// password and response timing does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  decoyHash ??= hashPassword('factdesk-decoy-password');
  await verifyPassword(await decoyHash, password);
}
