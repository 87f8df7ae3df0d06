// Server-sent event streams as the API serves them (the notification inbox, a workspace's
// live lists): the headers proxies need to pass events through unbuffered, a keep-alive
// comment every so often that also re-checks the credential (a stream ends with its session
// or API token, or when `stillAllowed` says no), and every open stream ended before the
// server closes.
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret } from '../auth/secrets.ts';
import { SESSION_COOKIE } from '../auth/sessionCookie.ts';
import { bearerToken } from '../plugins/auth.ts';
import { findApiTokenUser, findSessionUser } from '../queries/sessions.ts';

/** Proxies close quiet connections; a comment line every so often keeps the stream open. */
const KEEP_ALIVE_MS = 25_000;

export interface EventStream<T> {
  send(event: T): void;
  end(): void;
  /** Runs once, when the stream ends from either side. */
  onClose(listener: () => void): void;
}

export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly app: FastifyInstance) {
    // Open streams would hold the server open on close: end them first.
    app.addHook('preClose', async () => {
      for (const stream of this.open) stream.end();
    });
  }

  /**
   * Answers the request with an event stream. Call after every check that may refuse it: from
   * here on the reply is the stream's.
   */
  start<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    stillAllowed: () => Promise<boolean> = async () => true,
  ): EventStream<T> {
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    this.open.add(raw);
    // Sends the headers now: the client knows the stream is open (and listening) at once.
    raw.write(': open\n\n');
    const keepAlive = setInterval(() => {
      Promise.all([this.stillSignedIn(request), stillAllowed()]).then(
        ([signedIn, allowed]) => (signedIn && allowed ? raw.write(': keep-alive\n\n') : raw.end()),
        () => raw.end(),
      );
    }, KEEP_ALIVE_MS);
    raw.on('close', () => {
      clearInterval(keepAlive);
      this.open.delete(raw);
    });
    return {
      send: (event) => {
        if (!raw.writableEnded) raw.write(`data: ${JSON.stringify(event)}\n\n`);
      },
      end: () => raw.end(),
      onClose: (listener) => raw.on('close', listener),
    };
  }

  /** Whether the request's session or API token is still valid (a stream outlives requests). */
  private async stillSignedIn(request: FastifyRequest): Promise<boolean> {
    const bearer = bearerToken(request);
    if (bearer) return (await findApiTokenUser(this.app.db, hashSecret(bearer))) !== undefined;
    const cookie = request.cookies[SESSION_COOKIE];
    return (
      cookie !== undefined && (await findSessionUser(this.app.db, hashSecret(cookie))) !== undefined
    );
  }
}
