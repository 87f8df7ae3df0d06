// prepareUpdate: the checks a large update gets in the worker, and the slices the event loop
// applies one per turn. Slices applied in order must give exactly the document the whole update
// gives, with nothing pending after any slice; and whatever the checks on the event loop refuse,
// the worker refuses too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ArticleSchemaNames, createArticleStructValidator } from './ArticleUpdateValidator.ts';
import { checkUpdate } from './checkUpdate.ts';
import { type PrepareUpdateJob, prepareUpdate } from './prepareUpdate.ts';
import { CRAFTED_UPDATES } from './testing/craftedUpdates.ts';

const MAX = 1024 * 1024;

const names: ArticleSchemaNames = {
  rootName: 'article',
  nodeNames: new Set(['paragraph', 'heading']),
  markNames: new Set(['bold']),
  checkAttribute: (nodeName, key, value) =>
    nodeName === 'heading' && key === 'level' && value !== 1 && value !== 2
      ? 'heading level must be 1 or 2'
      : null,
  checkMarkAttributes: () => null,
};
const validator = createArticleStructValidator(names);

function job(doc: Y.Doc, update: Uint8Array, sliceStructs = 3): PrepareUpdateJob {
  return {
    update,
    stateVector: Y.encodeStateVector(doc),
    history: { refused: [], lineage: [] },
    maxLength: MAX,
    sliceStructs,
  };
}

function replicaOf(doc: Y.Doc, clientID: number): Y.Doc {
  const replica = new Y.Doc();
  replica.clientID = clientID;
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
}

/** One writer's random edits to a replica: paragraphs, text typed and deleted, headings. */
type Edit = { at: number; kind: 'type' | 'delete' | 'paragraph' | 'heading'; text: string };

function applyEdits(doc: Y.Doc, edits: Edit[]): void {
  const article = doc.getXmlFragment('article');
  for (const edit of edits) {
    doc.transact(() => {
      if (edit.kind === 'paragraph' || edit.kind === 'heading' || article.length === 0) {
        const element = new Y.XmlElement(edit.kind === 'heading' ? 'heading' : 'paragraph');
        if (edit.kind === 'heading') element.setAttribute('level', 2 as unknown as string);
        const text = new Y.XmlText();
        element.insert(0, [text]);
        text.insert(0, edit.text);
        article.insert(edit.at % (article.length + 1), [element]);
        return;
      }
      const element = article.get(edit.at % article.length) as Y.XmlElement;
      const text = element.get(0) as Y.XmlText;
      if (edit.kind === 'type') text.insert(edit.at % (text.length + 1), edit.text);
      else if (text.length > 0) {
        const from = edit.at % text.length;
        text.delete(from, Math.min(edit.text.length, text.length - from));
      }
    });
  }
}

const edits = fc.array(
  fc.record({
    at: fc.nat(1_000),
    kind: fc.constantFrom<Edit['kind']>('type', 'type', 'delete', 'paragraph', 'heading'),
    text: fc.string({ minLength: 1, maxLength: 6 }),
  }),
  { maxLength: 25 },
);

describe('prepareUpdate', () => {
  it('slices that, applied in order, give the same document as the whole update, nothing pending', () => {
    fc.assert(
      fc.property(
        edits,
        edits,
        edits,
        fc.integer({ min: 1, max: 8 }),
        (base, mine, theirs, size) => {
          // The server's document; a client that went offline and merged a second writer's edits
          // (so its update carries two clients whose structs refer to each other) syncs back.
          const server = new Y.Doc();
          server.clientID = 1;
          applyEdits(server, base);
          const client = replicaOf(server, 2);
          const other = replicaOf(server, 3);
          // Each writer builds on the other's edits: structs of each client refer to the other's.
          applyEdits(client, mine);
          Y.applyUpdate(other, Y.encodeStateAsUpdate(client, Y.encodeStateVector(other)));
          applyEdits(other, theirs);
          Y.applyUpdate(client, Y.encodeStateAsUpdate(other, Y.encodeStateVector(client)));
          applyEdits(client, mine.slice(0, 3));
          const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));

          const whole = replicaOf(server, 9);
          Y.applyUpdate(whole, update);
          const result = prepareUpdate(job(server, update, size), validator);
          if (result.kind !== 'accepted') throw new Error(`refused: ${JSON.stringify(result)}`);
          for (const slice of result.slices) {
            expect(checkUpdate(slice, server, MAX)).toBeNull();
            Y.applyUpdate(server, slice);
            expect(server.store.pendingStructs).toBeNull();
            expect(server.store.pendingDs).toBeNull();
          }
          expect(server.getXmlFragment('article').toString()).toBe(
            whole.getXmlFragment('article').toString(),
          );
          expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(whole));
          expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(whole));
        },
      ),
      { numRuns: 150, seed: 13 },
    );
  });

  it.each(CRAFTED_UPDATES)('refuses $name, as the check on the event loop does', ({ build }) => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    doc.getXmlFragment('article').insert(0, [paragraph]);
    text.insert(0, 'written by someone else');
    const result = prepareUpdate(job(doc, build(replicaOf(doc, 5), MAX)), validator);
    expect(result.kind).toBe('malformed');
  });

  it('leaves checks that need the document for the event loop, which makes them', () => {
    const server = new Y.Doc();
    applyEdits(server, [{ at: 0, kind: 'heading', text: 'Title' }]);
    const client = replicaOf(server, 2);
    const heading = client.getXmlFragment('article').get(0) as Y.XmlElement;
    const before = Y.encodeStateVector(client);
    heading.setAttribute('level', 7 as unknown as string); // the heading lives in the document
    const update = Y.encodeStateAsUpdate(client, before);

    const result = prepareUpdate(job(server, update), validator);
    if (result.kind !== 'accepted') throw new Error(`refused: ${JSON.stringify(result)}`);
    expect(result.deferred).toEqual([expect.objectContaining({ kind: 'attribute', value: 7 })]);
    expect(validator.checkDeferred(result.deferred, server)).toBe('heading level must be 1 or 2');
  });

  it('refuses an update of a client the document refused, and another document history', () => {
    const server = new Y.Doc();
    applyEdits(server, [{ at: 0, kind: 'paragraph', text: 'x' }]);
    const client = replicaOf(server, 77);
    applyEdits(client, [{ at: 0, kind: 'type', text: 'offline' }]);
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    const refused = {
      ...job(server, update),
      history: { refused: [{ client: 77, fromClock: 0 }], lineage: [] },
    };
    expect(prepareUpdate(refused, validator)).toEqual({ kind: 'refused' });
  });
});
