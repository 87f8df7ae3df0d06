// A Registry as the sync core's own tests use it: in-memory persistence and history store (and
// relay, when given), an article schema of paragraphs with bold text, and windows of a few milliseconds
// so a test runs in milliseconds too. Tests only.
import * as Y from 'yjs';
import { createArticleUpdateValidator } from '../ArticleUpdateValidator.ts';
import { Registry, type RegistryOptions } from '../Registry.ts';
import { MemoryHistoryStore } from './MemoryHistoryStore.ts';
import { MemoryPersistence } from './MemoryPersistence.ts';

/** Where the tests' article lives in the Y.Doc. */
export const ARTICLE = 'article';

export const testArticleValidator = createArticleUpdateValidator({
  rootName: ARTICLE,
  nodeNames: new Set(['paragraph']),
  markNames: new Set(['bold']),
  checkAttribute: (_node, key) => `attribute ${key} is not allowed`,
  checkMarkAttributes: () => null,
});

export interface TestRegistry {
  registry: Registry;
  persistence: MemoryPersistence;
  /** What went wrong, as the hooks reported it (saves, loads, relayed frames). */
  errors: { kind: 'save' | 'load' | 'relay'; documentId: string; error: unknown }[];
  /** Committed batches, as the onSaved hook reported them. */
  saves: { documentId: string; updates: number; bytes: number }[];
}

export function createTestRegistry(
  options: Partial<Omit<RegistryOptions, 'hooks'>> & { persistence?: MemoryPersistence } = {},
): TestRegistry {
  const persistence = options.persistence ?? new MemoryPersistence();
  const errors: TestRegistry['errors'] = [];
  const saves: TestRegistry['saves'] = [];
  const registry = new Registry({
    history: new MemoryHistoryStore(),
    validateUpdate: testArticleValidator,
    batchWindowMs: 5,
    unloadGraceMs: 5,
    relayHoldMs: 50,
    relayCatchUpMs: 50,
    ...options,
    persistence,
    hooks: {
      onSaveError: (documentId, error) => errors.push({ kind: 'save', documentId, error }),
      onSaved: (documentId, updates, bytes) => saves.push({ documentId, updates, bytes }),
      onLoadError: (documentId, error) => errors.push({ kind: 'load', documentId, error }),
      onRelayError: (documentId, error) => errors.push({ kind: 'relay', documentId, error }),
    },
  });
  return { registry, persistence, errors, saves };
}

/** Appends a paragraph with `text` to the article of `doc` (one Yjs transaction). */
export function addParagraph(doc: Y.Doc, text: string): void {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  const article = doc.getXmlFragment(ARTICLE);
  article.insert(article.length, [paragraph]);
}

/** The article's paragraphs as plain strings. */
export function paragraphsOf(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment(ARTICLE)
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map(String).join('') : ''));
}
