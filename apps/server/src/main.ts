// The server process: config → database (migrated) → app → listen; graceful shutdown.
import type { Server } from 'node:http';
import { buildApp } from './app.ts';
import { startAdminSocket } from './cli/adminSocket.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { StartupError } from './errors.ts';
import { describeSystemError } from './systemErrorText.ts';

async function main() {
  const config = loadConfig();
  const db = await openDatabase(
    config.databaseUrl
      ? { kind: 'server', url: config.databaseUrl }
      : { kind: 'embedded', dataDir: config.dataDir },
  );
  await migrate(db.sql);
  const app = await buildApp({ config, db: db.sql });
  // After the app: commands from the command line reach its live documents (app.liveDocuments).
  const adminSocket: Server | undefined =
    db.kind === 'embedded'
      ? await startAdminSocket(config.dataDir, db.sql, app.liveDocuments, app.heavyWork)
      : undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      adminSocket?.close();
      await db.close();
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close();
    adminSocket?.close();
    await db.close();
    throw new StartupError(
      `Cannot listen on ${config.host}:${config.port}: ${describeSystemError(error)}. Stop what uses it or set PORT (and HOST).`,
    );
  }
  // The thread that checks large sync updates starts now, not on the first large paste.
  void app.heavyWork.warmSyncThread();
  const where =
    db.kind === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL server';
  app.log.info(`Factdesk is ready at ${config.publicUrl.origin} (${where})`);
}

main().catch((error) => {
  if (error instanceof StartupError) {
    console.error(`factdesk: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
