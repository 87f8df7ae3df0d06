// Awareness through the sync core: a connection speaks only for its own client id, the `user`
// others see is the one the server authenticated, and a state that already shows exactly that
// user is forwarded as the client sent it (no second encoding).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { MESSAGE_AWARENESS } from './protocol.ts';
import { AWARENESS_RENEWAL_WINDOW_MS } from './Room.ts';
import { connect, pause, until } from './testing/clients.ts';
import { createTestRegistry } from './testing/testRegistry.ts';

/** An awareness message with one entry whose state is `json`, exactly as given. */
function awarenessFrame(clientId: number, clock: number, json: string): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, json);
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** The state JSON of every awareness entry for `clientId` the socket was sent, in order. */
function sentStates(sent: Uint8Array[], clientId: number): string[] {
  const states: string[] = [];
  for (const frame of sent) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) continue;
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    const count = decoding.readVarUint(update);
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(update);
      decoding.readVarUint(update);
      const json = decoding.readVarString(update);
      if (id === clientId) states.push(json);
    }
  }
  return states;
}

describe('awareness in the sync core', () => {
  it('a state that already shows the authenticated user goes out byte for byte; others are stamped', async () => {
    const { registry } = createTestRegistry();
    const sender = connect(registry, 'doc', { userId: 'ada' });
    const watcher = connect(registry, 'doc', { userId: 'bob' });
    await until(() => expect(sender.synced && watcher.synced).toBe(true));
    const id = sender.doc.clientID;
    const ada = '{"userId":"ada","name":"ada","color":"#000000"}';
    // Spaces, which JSON.stringify would not write: only the sent bytes keep them.
    const asSent = `{ "cursor": { "anchor": 3 }, "user": ${ada} }`;
    sender.connection.receive(awarenessFrame(id, 1, asSent));
    await until(() => expect(sentStates(watcher.socket.sent, id)).toHaveLength(1));
    expect(sentStates(watcher.socket.sent, id)[0]).toBe(asSent);

    // A claimed name, a missing user, an extra field: stamped with the server's identity.
    const claims = [
      '{"cursor":1,"user":{"userId":"ada","name":"Admin","color":"#000000"}}',
      '{"cursor":2}',
      '{"cursor":3,"user":{"userId":"ada","name":"ada","color":"#000000","role":"owner"}}',
    ];
    for (const [index, json] of claims.entries()) {
      sender.connection.receive(awarenessFrame(id, index + 2, json));
      await until(() => expect(sentStates(watcher.socket.sent, id)).toHaveLength(index + 2));
      const seen = JSON.parse(sentStates(watcher.socket.sent, id)[index + 1] ?? 'null');
      expect(seen).toEqual({ cursor: index + 1, user: JSON.parse(ada) });
      expect(watcher.awareness.getStates().get(id)).toEqual(seen);
    }
    await registry.shutdown();
  });

  it('a duplicate "user" key is never forwarded, whichever of the two a parser would keep', async () => {
    const { registry } = createTestRegistry();
    const sender = connect(registry, 'doc', { userId: 'ada' });
    const watcher = connect(registry, 'doc', { userId: 'bob' });
    await until(() => expect(sender.synced && watcher.synced).toBe(true));
    const id = sender.doc.clientID;
    const real = '{"userId":"ada","name":"ada","color":"#000000"}';
    const forged = '{"userId":"bob","name":"bob","color":"#ffffff"}';
    const sent = [`{"user":${forged},"user":${real}}`, `{"user":${real},"user":${forged}}`];
    for (const [index, json] of sent.entries()) {
      sender.connection.receive(awarenessFrame(id, index + 1, json));
      await until(() => expect(sentStates(watcher.socket.sent, id)).toHaveLength(index + 1));
      const out = sentStates(watcher.socket.sent, id)[index] ?? '';
      expect(out.split('"user"')).toHaveLength(2);
      expect(JSON.parse(out)).toEqual({ user: JSON.parse(real) });
    }
    await registry.shutdown();
  });

  it('changes that arrive in the same turn go to each receiver as one frame, in order', async () => {
    const { registry } = createTestRegistry();
    const users = ['ada', 'bob', 'cy'];
    const senders = users.map((userId) => connect(registry, 'doc', { userId }));
    const watcher = connect(registry, 'doc', { userId: 'dan' });
    await until(() => expect([...senders, watcher].every((c) => c.synced)).toBe(true));
    const framesBefore = watcher.socket.sent.length;
    // Three people, and one of them twice, within one event-loop turn.
    for (const [index, sender] of senders.entries()) {
      sender.connection.receive(awarenessFrame(sender.doc.clientID, 1, `{"cursor":${index}}`));
    }
    const ada = senders[0]!;
    ada.connection.receive(awarenessFrame(ada.doc.clientID, 2, '{"cursor":9}'));
    await until(() =>
      expect(watcher.awareness.getStates().get(ada.doc.clientID)).toMatchObject({ cursor: 9 }),
    );
    expect(watcher.socket.sent.length - framesBefore).toBe(1);
    expect(sentStates(watcher.socket.sent.slice(framesBefore), ada.doc.clientID)).toHaveLength(2);
    for (const [index, sender] of senders.slice(1).entries()) {
      expect(watcher.awareness.getStates().get(sender.doc.clientID)).toMatchObject({
        cursor: index + 1,
      });
    }
    await registry.shutdown();
  });

  it('renewals of unchanged states go out together once a second; a change goes out at once', async () => {
    const { registry } = createTestRegistry();
    const senders = ['ada', 'bob'].map((userId) => connect(registry, 'doc', { userId }));
    const watcher = connect(registry, 'doc', { userId: 'cy' });
    await until(() => expect([...senders, watcher].every((c) => c.synced)).toBe(true));
    const [ada, bob] = senders as [(typeof senders)[0], (typeof senders)[0]];
    const state = (name: string) =>
      `{"cursor":1,"user":{"userId":"${name}","name":"${name}","color":"#000000"}}`;
    ada.connection.receive(awarenessFrame(ada.doc.clientID, 1, state('ada')));
    bob.connection.receive(awarenessFrame(bob.doc.clientID, 1, state('bob')));
    await until(() => expect(sentStates(watcher.socket.sent, bob.doc.clientID)).toHaveLength(1));
    const before = watcher.socket.sent.length;
    const renewedAt = Date.now();
    ada.connection.receive(awarenessFrame(ada.doc.clientID, 2, state('ada')));
    await pause(20);
    bob.connection.receive(awarenessFrame(bob.doc.clientID, 2, state('bob')));
    await pause(100);
    expect(watcher.socket.sent.length).toBe(before);
    await until(() => expect(watcher.socket.sent.length).toBe(before + 1));
    expect(Date.now() - renewedAt).toBeGreaterThanOrEqual(AWARENESS_RENEWAL_WINDOW_MS - 50);
    const renewed = watcher.socket.sent.slice(before);
    expect(sentStates(renewed, ada.doc.clientID)).toEqual([state('ada')]);
    expect(sentStates(renewed, bob.doc.clientID)).toEqual([state('bob')]);
    expect(watcher.awareness.meta.get(bob.doc.clientID)?.clock).toBe(2);

    const changed = state('ada').replace('"cursor":1', '"cursor":2');
    const changedAt = watcher.socket.sent.length;
    ada.connection.receive(awarenessFrame(ada.doc.clientID, 3, changed));
    await until(() => expect(watcher.socket.sent.length).toBe(changedAt + 1), 300);
    expect(sentStates(watcher.socket.sent.slice(changedAt), ada.doc.clientID)).toEqual([changed]);
    await registry.shutdown();
  });

  it('the awareness a newcomer receives follows every change', async () => {
    const { registry } = createTestRegistry();
    const sender = connect(registry, 'doc', { userId: 'ada' });
    await until(() => expect(sender.synced).toBe(true));
    const id = sender.doc.clientID;
    sender.awareness.setLocalStateField('cursor', 1);
    const first = connect(registry, 'doc', { userId: 'bob' });
    await until(() => expect(first.awareness.getStates().get(id)).toMatchObject({ cursor: 1 }));
    sender.awareness.setLocalStateField('cursor', 2);
    await until(() => expect(first.awareness.getStates().get(id)).toMatchObject({ cursor: 2 }));
    const second = connect(registry, 'doc', { userId: 'cy' });
    await until(() => expect(second.awareness.getStates().get(id)).toMatchObject({ cursor: 2 }));
    sender.disconnect();
    const third = connect(registry, 'doc', { userId: 'dan' });
    await until(() => expect(third.synced).toBe(true));
    expect(third.awareness.getStates().has(id)).toBe(false);
    await registry.shutdown();
  });
});
