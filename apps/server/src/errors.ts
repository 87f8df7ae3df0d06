// The typed errors of Factdesk. Each has a stable code, an HTTP status and a sentence a
// person understands; plugins/errors.ts maps them to responses in one error handler.
//
// The sentence is a catalog Message (id + values, i18n/translate.ts): `message` holds its
// English text (logs, the command line, tests) and the handler formats it again in the
// request's language. A plain string is a sentence that exists only in English (another
// program's words, such as an operating-system error); server code writes Messages.
import type { Locale } from '@factdesk/model';
import { type Message, msg, type NotFoundThing, say } from './i18n/translate.ts';

export type Sentence = Message | string;

export class AppError extends Error {
  /** The catalog message, when the sentence is one (see the file's opening comment). */
  readonly sentence: Sentence;

  constructor(
    readonly status: number,
    readonly code: string,
    message: Sentence,
    readonly field?: string,
  ) {
    super(say('en', message));
    this.name = new.target.name;
    this.sentence = message;
  }

  /** The response body in that language: the code, the sentence and the field it names. */
  body(locale: Locale = 'en'): Record<string, unknown> {
    return {
      code: this.code,
      message: say(locale, this.sentence),
      ...(this.field ? { field: this.field } : {}),
    };
  }
}

export class BadRequestError extends AppError {
  constructor(message: Sentence, field?: string, code = 'bad_request') {
    super(400, code, message, field);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message: Sentence = msg('errors.unauthenticated'), code = 'unauthenticated') {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: Sentence = msg('errors.forbidden'), code = 'forbidden') {
    super(403, code, message);
  }
}

/** Also used for things in workspaces the caller is not a member of: never reveal they exist. */
export class NotFoundError extends AppError {
  constructor(what: NotFoundThing | Message) {
    super(404, 'not_found', typeof what === 'string' ? msg(`errors.notFound.${what}`) : what);
  }
}

export class ConflictError extends AppError {
  constructor(message: Sentence, code = 'conflict') {
    super(409, code, message);
  }
}

/** Something that existed and can no longer be used (an expired or used link). */
export class GoneError extends AppError {
  constructor(message: Sentence, code = 'gone') {
    super(410, code, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(
    message: Sentence,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'rate_limited', message);
  }
}

/**
 * A set-up the server or the command line cannot start with (a busy or unwritable data
 * directory, a database that does not answer, a port in use): printed as its one sentence,
 * never as a stack trace, because the fix is in the set-up, not the code.
 */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * A job past one of its caps (depth, element count, output size, memory: 413; time: 422). The
 * message names the limit, its value and the setting that holds it; nothing was created.
 */
export class LimitExceededError extends AppError {
  constructor(status: 413 | 422, code: string, message: Sentence, field: string) {
    super(status, code, message, field);
  }
}

/**
 * A service the server asked on someone's behalf (the archive service) gave nothing usable:
 * 502, or 504 when it did not answer in time. The sentence says which; nothing was changed.
 */
export class UpstreamError extends AppError {
  constructor(message: Sentence, timedOut: boolean, code = 'upstream_failed') {
    super(timedOut ? 504 : 502, code, message);
  }
}

/** The worker pool's queue is full: try again shortly. */
export class BusyError extends AppError {
  constructor(message: Sentence) {
    super(503, 'busy', message);
  }
}

/** The embedded database's data directory is held by another live process. */
export class DataDirBusyError extends StartupError {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Factdesk process${
        pid ? ` (pid ${pid})` : ''
      }. Stop it, or run the command while that server is running so it goes through the server.`,
    );
  }
}
