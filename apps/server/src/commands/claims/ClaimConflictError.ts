// A 409 on a claim write that carries the claim as it is now, presented to the caller, so the
// client can show it without another request (stale version, or a transition the status does
// not allow). The app's one error handler sends it like any AppError.
import type { Claim, Locale } from '@factdesk/model';
import { ConflictError, type Sentence } from '../../errors.ts';

export class ClaimConflictError extends ConflictError {
  constructor(
    message: Sentence,
    code: 'stale_version' | 'invalid_transition',
    readonly claim: Claim,
  ) {
    super(message, code);
  }

  override body(locale?: Locale): Record<string, unknown> {
    return { ...super.body(locale), claim: this.claim };
  }
}
