// While the server holds the embedded database, the command line reaches it through this
// Unix socket inside the data directory (mode 0600: only the server's own user), so the
// database files are never opened twice.
import { chmod, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { join } from 'node:path';
import type { LiveDocuments } from '../commands/liveDocuments.ts';
import type { Sql } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { HeavyWorkPool } from '../heavyWork/HeavyWorkPool.ts';
import { type AdminCommand, runAdminCommand, validateAdminCommand } from './adminCommands.ts';

export const ADMIN_SOCKET = 'admin.sock';
// Large enough for `factdesk import` of an article at IMPORT_MAX_BYTES' ceiling, JSON-escaped.
const MAX_BODY = 160 * 1024 * 1024;

export interface AdminReply {
  output?: string;
  error?: string;
}

/**
 * `liveDocuments`: the server's live documents, so commands act on open sockets and live text;
 * `heavyWork`: the server's worker pool, where imports and exports run.
 */
export async function startAdminSocket(
  dataDir: string,
  sql: Sql,
  liveDocuments: LiveDocuments,
  heavyWork: HeavyWorkPool,
): Promise<Server> {
  const path = join(dataDir, ADMIN_SOCKET);
  await rm(path, { force: true }); // left behind by a killed server
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy();
    });
    req.on('end', async () => {
      let reply: AdminReply;
      try {
        const command = validateAdminCommand(JSON.parse(body));
        reply = { output: await runAdminCommand(sql, command, liveDocuments, heavyWork) };
      } catch (error) {
        reply = {
          error:
            error instanceof AppError
              ? error.message
              : 'The command failed on the server; see its log.',
        };
        if (!(error instanceof AppError)) console.error(error);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  await chmod(path, 0o600);
  return server;
}

export function sendAdminCommand(dataDir: string, command: AdminCommand): Promise<AdminReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { socketPath: join(dataDir, ADMIN_SOCKET), method: 'POST', path: '/run' },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          try {
            resolve(JSON.parse(body) as AdminReply);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(command));
  });
}
