// Scale-out through a Relay: two instances share a document. Edits cross at once; the instance
// whose client made an edit stores it, the other holds it until told "saved" (and stores it
// itself if that never comes); a document opened on a second instance catches up first.
import { describe, expect, it } from 'vitest';
import { connect, pause, until } from './testing/clients.ts';
import { MemoryHistoryStore } from './testing/MemoryHistoryStore.ts';
import { MemoryPersistence } from './testing/MemoryPersistence.ts';
import { MemoryRelayNetwork } from './testing/MemoryRelay.ts';
import { addParagraph, createTestRegistry, paragraphsOf } from './testing/testRegistry.ts';

/** Two instances on one database and one relay network. */
function twoInstances(options: { relayHoldMs?: number } = {}) {
  const network = new MemoryRelayNetwork();
  const database = new MemoryPersistence();
  const history = new MemoryHistoryStore();
  const relayA = network.relay();
  const relayB = network.relay();
  const a = createTestRegistry({
    ...options,
    persistence: database,
    history,
    relay: relayA,
    instanceId: 'a',
  });
  const b = createTestRegistry({
    ...options,
    persistence: database.another(),
    history,
    relay: relayB,
    instanceId: 'b',
  });
  return { a, b, relayA, relayB, database };
}

describe('relay', () => {
  it('edits, presence and live events cross instances; each edit is stored once, by its own instance', async () => {
    const { a, b, database } = twoInstances();
    const onA = connect(a.registry, 'doc');
    await until(() => expect(onA.synced).toBe(true));
    const onB = connect(b.registry, 'doc');
    await until(() => expect(onB.synced).toBe(true));
    addParagraph(onA.doc, 'from A');
    addParagraph(onB.doc, 'from B');
    await until(() => expect(paragraphsOf(onA.doc)).toHaveLength(2));
    await until(() => expect(paragraphsOf(onB.doc)).toHaveLength(2));
    expect(paragraphsOf(onA.doc)).toEqual(paragraphsOf(onB.doc));
    await until(() => expect(onA.ownEditsSaved && onB.ownEditsSaved).toBe(true));
    expect(a.persistence.appends).toHaveLength(1);
    expect(b.persistence.appends).toHaveLength(1);

    onA.awareness.setLocalStateField('cursor', 3);
    await until(() => expect(onB.awareness.getStates().get(onA.doc.clientID)).toBeDefined());
    a.registry.publishEvent('doc', { type: 'document.updated' });
    await until(() => expect(onB.events.map((event) => event.type)).toContain('document.updated'));

    await Promise.all([a.registry.shutdown(), b.registry.shutdown()]);
    expect(paragraphsOf(database.storedDoc('doc')).sort()).toEqual(['from A', 'from B']);
  });

  it('holds another instance’s edit until it is stored there: the saved signal waits for it', async () => {
    const { a, b } = twoInstances({ relayHoldMs: 10_000 });
    const onA = connect(a.registry, 'doc');
    await until(() => expect(onA.synced).toBe(true));
    const onB = connect(b.registry, 'doc');
    await until(() => expect(onB.synced).toBe(true));
    const resumeA = a.persistence.pause();
    addParagraph(onA.doc, 'unsaved on A');
    await until(() => expect(paragraphsOf(onB.doc)).toEqual(['unsaved on A']));
    addParagraph(onB.doc, 'saved on B');
    await until(() => expect(onB.ownEditsSaved).toBe(true));
    // B committed its own edit; its saved signal still leaves out A's, which only A stores.
    expect(onB.saved?.get(onA.doc.clientID) ?? 0).toBe(0);
    resumeA();
    await until(() => expect(onB.saved?.get(onA.doc.clientID)).toBeGreaterThan(0));
    expect(b.persistence.appends.flatMap((append) => append.updates)).toHaveLength(1);
    await Promise.all([a.registry.shutdown(), b.registry.shutdown()]);
  });

  it('stores an edit itself when the instance that made it dies before reporting it saved', async () => {
    const { a, b, relayA, database } = twoInstances({ relayHoldMs: 30 });
    const onA = connect(a.registry, 'doc');
    await until(() => expect(onA.synced).toBe(true));
    const onB = connect(b.registry, 'doc', { readOnly: true });
    await until(() => expect(onB.synced).toBe(true));
    a.persistence.failure = new Error('A lost its database');
    addParagraph(onA.doc, 'only A had it');
    await until(() => expect(paragraphsOf(onB.doc)).toEqual(['only A had it']));
    relayA.remove(); // A dies: no "saved" notice will ever come
    await until(() => expect(paragraphsOf(database.storedDoc('doc'))).toEqual(['only A had it']));
    expect(b.persistence.appends).toHaveLength(1);
    await b.registry.shutdown();
  });

  it('a document opened on a second instance first gets the edits the first one has not stored yet', async () => {
    const { a, b } = twoInstances();
    const onA = connect(a.registry, 'doc');
    await until(() => expect(onA.synced).toBe(true));
    a.persistence.pause();
    addParagraph(onA.doc, 'not stored yet');
    await pause();
    const onB = connect(b.registry, 'doc', { readOnly: true });
    await until(() => expect(onB.synced).toBe(true));
    // The first sync already holds it: a stock provider's `synced` covers every acknowledged edit.
    expect(paragraphsOf(onB.doc)).toEqual(['not stored yet']);
    await b.registry.shutdown();
  });

  it('after the transport comes back, rooms catch up on what crossed meanwhile', async () => {
    const { a, b, relayB } = twoInstances();
    const onA = connect(a.registry, 'doc');
    const onB = connect(b.registry, 'doc');
    await until(() => expect(onA.synced && onB.synced).toBe(true));
    relayB.goDown();
    addParagraph(onA.doc, 'while B was cut off');
    await until(() => expect(onA.ownEditsSaved).toBe(true));
    await pause();
    expect(paragraphsOf(onB.doc)).toEqual([]);
    relayB.comeBack();
    await until(() => expect(paragraphsOf(onB.doc)).toEqual(['while B was cut off']));
    await Promise.all([a.registry.shutdown(), b.registry.shutdown()]);
  });
});
