// Close codes of a document's socket, with the reason sent beside each. One place, so the
// server, the web app and the docs agree.
export const CloseCodes = {
  /** The server is shutting down (or restarting); reconnect. */
  goingAway: { code: 1001, reason: 'server shutting down' },
  /** The server failed to load or keep the document; reconnect later. */
  internalError: { code: 1011, reason: 'internal error' },
  /** A frame that is not a valid message: bad encoding, unknown type, undecodable update. */
  malformed: { code: 4400, reason: 'malformed message' },
  /** No session or token, or they have expired or been revoked. */
  unauthenticated: { code: 4401, reason: 'not authenticated' },
  /** Authenticated, but not allowed (bad Origin, an update that breaks the rules). */
  forbidden: { code: 4403, reason: 'not allowed' },
  /** No such document, or one in a workspace the user is not a member of. */
  notFound: { code: 4404, reason: 'no such document' },
  /** The reader is too slow: its outbound buffer passed the limit. */
  slowReader: { code: 4408, reason: 'too slow to keep up' },
  RefusedChangesHeld: { code: 4409, reason: 'reload: this copy holds changes the server refused' },
  /** A message, the document or an awareness state is over its size limit. */
  tooLarge: { code: 4413, reason: 'message or document too large' },
  /** Too many connections for this document or this user. */
  tooManyConnections: { code: 4429, reason: 'too many connections' },
  /** Storage is down and the memory for unsaved edits is full; reconnect later. */
  storageUnavailable: { code: 4503, reason: 'storage unavailable' },
} as const;

export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];
