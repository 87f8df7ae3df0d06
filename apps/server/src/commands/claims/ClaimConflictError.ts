// A 409 on a claim write that carries the claim as it is now, presented to the caller, so the
// client can show it without another request (stale version, or a transition the status does
// not allow). The app's one error handler sends it like any AppError.
import type { Claim } from '@factdesk/model';
import { ConflictError } from '../../errors.ts';

export class ClaimConflictError extends ConflictError {
  constructor(
    message: string,
    code: 'stale_version' | 'invalid_transition',
    readonly claim: Claim,
  ) {
    super(message, code);
  }

  override body(): Record<string, unknown> {
    return { ...super.body(), claim: this.claim };
  }
}
