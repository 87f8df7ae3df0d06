// The one way the web app calls the API: JSON in and out, the session cookie, the interface
// language, and every failure turned into an ApiError carrying the server's sentence.
import type { ErrorBody, Locale } from '@factdesk/model';
import type { MessageId } from '../i18n/catalogs.ts';
import { ApiError } from './ApiError.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let unauthorizedHandler: (() => void) | undefined;
let interfaceLocale: Locale | undefined;

/**
 * The interface language, sent as Accept-Language on every call so the server writes its
 * sentences (errors) in it; until set, the browser's own header goes.
 */
export function setRequestLocale(locale: Locale): void {
  interfaceLocale = locale;
}

/**
 * Called when a signed-in call answers 401 (the session ended elsewhere or expired).
 * Login and sign-up answer 401 for wrong credentials, which is not a lost session.
 */
export function onUnauthorized(handler: (() => void) | undefined): void {
  unauthorizedHandler = handler;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}

/** What to say when the answer carries no sentence of the server's (a proxy's error page). */
function fallbackMessage(status: number): [MessageId, string] {
  if (status === 401) return ['error.401', 'You need to log in.'];
  if (status === 403) return ['error.403', 'Your role does not allow this.'];
  if (status === 404) return ['error.404', 'This was not found.'];
  if (status === 413) return ['error.413', 'That is too large to send.'];
  if (status === 429) return ['error.429', 'Too many attempts. Wait a little and try again.'];
  if (status >= 500) return ['error.500', 'Something went wrong on our side. Please try again.'];
  return ['error.other', 'The request was not accepted.'];
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (interfaceLocale) headers['Accept-Language'] = interfaceLocale;
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch {
    throw new ApiError(
      0,
      {
        code: 'network',
        message: 'Factdesk could not be reached. Check your connection and try again.',
      },
      'error.network',
    );
  }
  if (response.status === 204) return undefined as T;
  const data = await readJson(response);
  if (response.ok) return data as T;
  if (response.status === 401 && !path.startsWith('/auth/')) unauthorizedHandler?.();
  if (isErrorBody(data)) throw new ApiError(response.status, data);
  const [messageId, message] = fallbackMessage(response.status);
  throw new ApiError(response.status, { code: 'http_error', message }, messageId);
}
