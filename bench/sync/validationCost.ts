// What checking one typing update costs our server: the same checks, in the same order, as
// Room.applyNow runs before applying a client's update (refused-history check, structural
// check, article-schema validation), timed per keystroke against a 40,000-character article.
// In-process: the code is the server's, no socket or database in the way.
import { performance } from 'node:perf_hooks';
import { checkUpdate, createArticleUpdateValidator, DEFAULT_LIMITS } from '@factdesk/sync';
import * as Y from 'yjs';
import { articleSchemaNames } from '../../apps/server/src/sync/articleSchemaNames.ts';
import { HistoryGuard } from '../../packages/sync/src/HistoryGuard.ts';
import { ARTICLE_FIELD } from './BenchClient.ts';
import { percentile } from './figures.ts';

/** Microseconds per typing update (p50, p99) over `keystrokes` single-character inserts. */
export function validationCost(keystrokes = 2_000): { p50: number; p99: number } {
  const validate = createArticleUpdateValidator(articleSchemaNames);
  const history = new HistoryGuard();
  const server = new Y.Doc();
  const client = new Y.Doc();
  client.transact(() => {
    for (let p = 0; p < 80; p++) {
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      client.getXmlFragment(ARTICLE_FIELD).insert(p, [paragraph]);
      text.insert(0, 'Facts checked in the newsroom, sentence after sentence. '.repeat(9));
    }
  });
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  const updates: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => updates.push(update));
  const micros: number[] = [];
  for (let i = 0; i < keystrokes; i++) {
    const paragraph = client.getXmlFragment(ARTICLE_FIELD).get(i % 80) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(Math.floor(text.length / 2), 'x');
    const update = updates.shift() as Uint8Array;
    const start = performance.now();
    const refused =
      history.check(update, server) ??
      checkUpdate(update, server, DEFAULT_LIMITS.maxMessageBytes) ??
      validate(update, server);
    micros.push((performance.now() - start) * 1000);
    if (refused) throw new Error(`a typing update was refused: ${refused}`);
    Y.applyUpdate(server, update);
  }
  const measured = micros.slice(200); // after the JIT has warmed up
  return { p50: percentile(measured, 50), p99: percentile(measured, 99) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(validationCost());
}
