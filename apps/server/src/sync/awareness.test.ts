// Awareness identity comes from the server: the name, colour and id others see are the
// authenticated user's whatever a client claims, and a connection speaks only for itself.

import { CARET_COLORS } from '@factdesk/model';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../testing/factories.ts';
import {
  eventually,
  identityOf,
  openClient,
  rawSocket,
  synced,
  tokenFor,
  useSyncApp,
} from '../testing/syncClients.ts';

describe('awareness', () => {
  const sync = useSyncApp();
  const { clients } = sync;

  it('others see the authenticated user, not the name a client claims', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const reviewer = await buildMember(sync.t, owner, workspaceId, 'reviewer');
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
    });
    const liar = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, reviewer));
    const watcher = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    clients.push(liar, watcher);
    await Promise.all([synced(liar), synced(watcher)]);
    liar.provider.awareness.setLocalStateField('user', { name: 'Olivia Owner', id: owner.id });
    liar.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    const seen = () =>
      watcher.provider.awareness.getStates().get(liar.doc.clientID) as
        | { user?: { name: string; userId: string; color: string }; cursor?: unknown }
        | undefined;
    await eventually(() => seen()?.cursor !== undefined, 'the liar’s cursor');
    expect(seen()?.user?.userId).toBe(reviewer.id);
    expect(seen()?.user?.name).not.toBe('Olivia Owner');
    expect(seen()?.user?.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('eight people in one document get eight colours, and each is told its own', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
    });
    const people: TestUser[] = [owner];
    while (people.length < CARET_COLORS.length) {
      people.push(await buildMember(sync.t, owner, workspaceId, 'reviewer'));
    }
    const told: (() => { userId: string; color: string } | undefined)[] = [];
    for (const person of people) {
      // One after another, as people arrive: each colour is chosen among those present.
      const client = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, person), {
        connect: false,
      });
      told.push(identityOf(client));
      client.provider.connect();
      clients.push(client);
      await synced(client);
      client.provider.awareness.setLocalStateField('cursor', null);
    }
    const colours = told.map((identity) => identity()?.color);
    expect(new Set(colours).size).toBe(CARET_COLORS.length);
    expect(told.map((identity) => identity()?.userId)).toEqual(people.map((p) => p.id));
    // Others see the same colour the server told each person.
    const watcher = clients[0];
    await eventually(
      () => (watcher?.provider.awareness.getStates().size ?? 0) >= CARET_COLORS.length,
      'everyone’s awareness',
    );
    const seen = new Map(
      [...(watcher?.provider.awareness.getStates().values() ?? [])].map((state) => {
        const user = (state as { user?: { userId: string; color: string } }).user;
        return [user?.userId, user?.color];
      }),
    );
    for (const [index, person] of people.entries()) {
      if (index === 0) continue; // the watcher's own state is local
      expect(seen.get(person.id)).toBe(colours[index]);
    }
  });

  it('a connection cannot set or remove another client’s awareness state', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
    });
    const watcher = openClient(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    clients.push(watcher);
    await synced(watcher);
    const raw = rawSocket(sync.t.wsUrl, document.id, await tokenFor(sync.t, owner));
    await raw.opened;
    const update = (clientId: number, clock: number, state: object | null) => {
      const inner = encoding.createEncoder();
      encoding.writeVarUint(inner, 1);
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, JSON.stringify(state));
      const outer = encoding.createEncoder();
      encoding.writeVarUint(outer, 1);
      encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
      return encoding.toUint8Array(outer);
    };
    raw.socket.send(update(111, 1, { cursor: 'mine' }));
    raw.socket.send(update(222, 1, { cursor: 'forged' }));
    raw.socket.send(update(watcher.doc.clientID, 99, null));
    await eventually(
      () => watcher.provider.awareness.getStates().has(111),
      'the raw client’s own state',
    );
    // The forged states must never arrive: a fixed wait is the only way to give them time.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watcher.provider.awareness.getStates().has(222)).toBe(false);
    expect(watcher.provider.awareness.getStates().has(watcher.doc.clientID)).toBe(true);
    raw.socket.close();
  });
});
