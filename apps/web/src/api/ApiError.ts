// An API call that did not succeed: the server's `{code, message, field?}` plus the status.
// `message` is always a sentence fit to show a person; never show the raw body. The server
// writes its sentences in the interface language (request.ts sends it as Accept-Language); the
// web app's own (network down, no JSON answer) carry a message id, so errorText shows them in
// the interface language too, even after the person switches language.
import type { Claim, ClaimConflictBody, ErrorBody } from '@factdesk/model';
import type { IntlShape } from 'react-intl';
import type { MessageId } from '../i18n/catalogs.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** The whole error body: a claim write's 409 also carries the claim as it is now. */
  readonly body: ErrorBody;
  /** Set when the web app wrote the sentence itself: its message in the catalogs. */
  readonly messageId: MessageId | undefined;

  constructor(status: number, body: ErrorBody, messageId?: MessageId) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.body = body;
    this.messageId = messageId;
  }

  /** The current claim a 409 (stale version, invalid transition) was answered with. */
  get currentClaim(): Claim | undefined {
    return this.status === 409 ? (this.body as ClaimConflictBody).claim : undefined;
  }

  /** Anything thrown while talking to the API, as an ApiError with a readable message. */
  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    return new ApiError(
      0,
      {
        code: 'client_error',
        message: 'Something went wrong in the browser. Reload the page and try again.',
      },
      'error.client',
    );
  }
}

/** The sentence to show for an error: the web app's own in the interface language. */
export function errorText(intl: IntlShape, error: ApiError): string {
  return error.messageId ? intl.formatMessage({ id: error.messageId }) : error.message;
}
