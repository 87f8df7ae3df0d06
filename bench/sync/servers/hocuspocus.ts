// Starts @hocuspocus/server in memory (no extensions, no persistence) on a free loopback port
// and prints {port} as one JSON line.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
await server.listen();
process.stdout.write(`${JSON.stringify({ port: server.address.port })}\n`);
process.on('SIGTERM', () => void server.destroy().then(() => process.exit(0)));
