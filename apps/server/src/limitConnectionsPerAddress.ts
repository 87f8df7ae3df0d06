// Caps the open TCP connections one source address may hold, so one host cannot exhaust the
// server's sockets and memory (slow-header floods, idle sockets). The connection over the cap
// is answered with 429 and closed before any of its bytes are parsed.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Counts connections per remote address on `server`; `max` 0 turns the cap off. */
export function limitConnectionsPerAddress(server: Server, max: number): void {
  if (max === 0) return;
  const open = new Map<string, number>();
  // Before Node's own listener, so a refused socket is gone before its request is read.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      refuse(socket, max);
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

function refuse(socket: Socket, max: number): void {
  const body = `${JSON.stringify({
    code: 'too_many_connections',
    message: `Too many open connections from your address (the limit is ${max}); close some and retry.`,
  })}\n`;
  socket.on('error', () => {}); // the client may already be gone; nothing to tell it then
  socket.end(
    'HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  socket.destroySoon();
}
