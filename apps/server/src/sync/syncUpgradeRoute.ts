// GET /collab/:documentId: the upgrade to a y-websocket socket. Access is decided on the
// upgrade request, before a frame is read or the document loaded (the credential, the Origin,
// membership); a refusal closes the socket with a named code. An accepted socket joins its
// document with a caret colour nobody else there has, and its frames are wired at once.

import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { caretColorAmong } from '@factdesk/model';
import { CloseCodes, EXTENSIONS_PARAM, type Registry } from '@factdesk/sync';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import {
  credentialHash,
  decideAccess,
  type SocketAuth,
  type SocketDecision,
  upgradeCredential,
} from '../access/socketAccess.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route authenticates in its own way (the auth plugin leaves it alone). */
    authenticatesItself?: boolean;
  }
  interface FastifyRequest {
    /** The upgrade's access decision, made before the socket opens. */
    syncAccess?: SocketDecision;
  }
}

const ROUTE = '/collab/:documentId';

export interface SyncUpgradeRouteOptions {
  registry: Registry<SocketAuth>;
  /** Origins whose pages may open a socket with the session cookie. */
  allowedOrigins: ReadonlySet<string>;
  maxMessageBytes: number;
  /**
   * The document's first socket on this instance: its text may have changed while nobody had
   * it open here. Later sockets of the same document see the same text.
   */
  onOpened(documentId: string): void;
  /** Someone opened or left the document here: lists showing who is in it read it again. */
  onPresenceChanged(auth: SocketAuth): void;
  /** Before the sockets close at shutdown: every accepted edit is stored. */
  beforeClose(): Promise<void>;
}

export async function registerSyncUpgradeRoute(
  app: FastifyInstance,
  options: SyncUpgradeRouteOptions,
): Promise<void> {
  const { registry } = options;
  await app.register(fastifyWebsocket, {
    // ws closes anything far past our own limit itself (1009); up to 4× we answer with 4413.
    options: { maxPayload: options.maxMessageBytes * 4 },
    // Store every accepted edit before the sockets go, then close them with 1001.
    preClose: async function closeSockets(this: FastifyInstance) {
      await options.beforeClose();
      for (const client of this.websocketServer.clients) {
        client.close(CloseCodes.goingAway.code, CloseCodes.goingAway.reason);
      }
    },
  });

  /** A caret colour nobody else in the document (on this instance) has, while any is left. */
  function colorInDocument(documentId: string, userId: string): string {
    const others = new Map<string, string>();
    for (const connection of registry.connectionsOf(documentId)) {
      if (connection.isClosed) continue;
      others.set(connection.identity.userId, connection.identity.color);
    }
    return caretColorAmong(userId, others);
  }

  app.get(
    ROUTE,
    {
      websocket: true,
      config: { authenticatesItself: true },
      schema: { hide: true },
      // Security headers would go on a reply the socket hijacks: never sent, ~50 µs a socket.
      helmet: false,
    },
    (socket: WebSocket, request) => {
      socket.binaryType = 'nodebuffer';
      const decision = request.syncAccess;
      if (!decision?.ok) {
        const close = decision?.close ?? CloseCodes.internalError;
        socket.close(close.code, close.reason);
        return;
      }
      const query = request.query as Record<string, unknown>;
      const { documentId } = decision.auth;
      const opened = registry.connectionsOf(documentId).size === 0;
      const connection = registry.connect(documentId, socket, {
        identity: {
          ...decision.identity,
          color: colorInDocument(documentId, decision.identity.userId),
        },
        readOnly: decision.readOnly,
        extensions: query[EXTENSIONS_PARAM] === '1',
        auth: decision.auth,
      });
      if (opened) options.onOpened(documentId);
      options.onPresenceChanged(decision.auth);
      forgetUpgradeRequest(request, socket);
      // Wired synchronously, so no frame sent right after the handshake is lost.
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (!isBinary)
          connection.close({
            ...CloseCodes.malformed,
            reason: 'text frames are not part of the protocol',
          });
        else connection.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      });
      let gone = false;
      const left = () => {
        connection.closed();
        if (gone) return;
        gone = true;
        options.onPresenceChanged(decision.auth);
      };
      socket.on('close', left);
      socket.on('error', left);
    },
  );

  /**
   * A socket lives for hours; the upgrade's request and reply need not. @fastify/websocket
   * keeps both alive for the socket's lifetime (its error listener closes over them, and the
   * TCP socket still points at the hijacked response, which points at the request): about
   * 3 KiB per idle socket (docs/bench-sync.md). Our own error listener (below) replaces its.
   */
  function forgetUpgradeRequest(request: FastifyRequest, socket: WebSocket): void {
    socket.removeAllListeners('error');
    const tcp = request.raw.socket as Socket & { _httpMessage?: ServerResponse | null };
    if (tcp._httpMessage) tcp._httpMessage.detachSocket(tcp);
  }

  /**
   * Decisions under way, by document and credential: sockets that arrive together with the same
   * credential (a client opening several, reconnects after a restart) share one decision — the
   * same queries at the same moment give the same answer, and a database on the event loop
   * answers them one after another. Forgotten as soon as decided, so nothing is cached.
   */
  const deciding = new Map<string, Promise<SocketDecision>>();
  function decideOnce(documentId: string, via: 'session' | 'token', secret: string) {
    const hash = credentialHash(secret);
    const key = `${documentId} ${via} ${hash.toString('base64')}`;
    let decision = deciding.get(key);
    if (!decision) {
      decision = decideAccess(app.db, documentId, { via, hash }).finally(() =>
        deciding.delete(key),
      );
      deciding.set(key, decision);
    }
    return decision;
  }

  // Decided on the upgrade request, before the socket opens; the handler only carries it out.
  app.addHook('preValidation', async (request) => {
    if (request.routeOptions.url !== ROUTE) return;
    const credential = upgradeCredential(request, options.allowedOrigins);
    if ('refuse' in credential) {
      request.syncAccess = { ok: false, close: credential.refuse };
      return;
    }
    const { documentId } = request.params as { documentId: string };
    try {
      request.syncAccess = await decideOnce(documentId, credential.via, credential.secret);
    } catch (error) {
      request.log.error({ err: error, documentId }, 'deciding socket access failed');
      request.syncAccess = { ok: false, close: CloseCodes.storageUnavailable };
    }
  });
}
