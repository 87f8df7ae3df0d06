// The message types on a document's socket: the y-websocket ones, and Factdesk's own,
// which only the server sends and only to clients that asked for them (`?factdesk=1`),
// so a stock y-websocket client never sees a type it does not know.

/** y-websocket: y-protocols sync (step 1, step 2, update). */
export const MESSAGE_SYNC = 0;
/** y-websocket: y-protocols awareness update. */
export const MESSAGE_AWARENESS = 1;
/** y-websocket: permission denied (server → client; y-protocols/auth). */
export const MESSAGE_AUTH = 2;
/** y-websocket: a client asks for every awareness state. */
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Factdesk, server → client: the saved signal. Payload: varUint8Array of a Yjs state vector —
 * every edit it covers is durably committed to PostgreSQL. A client is saved when the vector
 * covers its own client id's clock.
 */
export const MESSAGE_SAVED = 100;
/** Factdesk, server → client: a live event (claim changes, document lock…). Payload: varString JSON. */
export const MESSAGE_EVENT = 101;

/**
 * The first live event a Factdesk client receives: `{type, user: {userId, name, color},
 * maxMessageBytes}`, the identity the server stamps on its awareness state for everyone else,
 * and the largest frame the server accepts (one change must fit in it).
 */
export const IDENTITY_EVENT = 'connection.identity';

/** Types a client may never send. */
export const SERVER_ONLY_MESSAGES: ReadonlySet<number> = new Set([
  MESSAGE_AUTH,
  MESSAGE_SAVED,
  MESSAGE_EVENT,
]);

/** The query parameter with which a Factdesk client asks for the server-only messages. */
export const EXTENSIONS_PARAM = 'factdesk';
