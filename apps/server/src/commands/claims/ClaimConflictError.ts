// A 409 on a claim write that carries the claim as it is now, so the client can show it
// without another request (stale version, or a transition the status does not allow).
import { ConflictError } from '../../errors.ts';
import type { ClaimDetailRow } from '../../queries/claims.ts';

export class ClaimConflictError extends ConflictError {
  constructor(
    message: string,
    code: 'stale_version' | 'invalid_transition',
    readonly claim: ClaimDetailRow,
  ) {
    super(message, code);
  }
}
