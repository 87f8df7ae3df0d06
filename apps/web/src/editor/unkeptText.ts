// The text a discarded copy of a document holds that the server does not: what a person typed
// while they could not write (or offline, before losing the right to write), shown to them
// for copying when that copy is thrown away. Exact, not a text diff: an inserted character
// is "not kept" when its Yjs id is past what the server's state vector covers for its
// client, so what other people changed meanwhile never shows up as the person's own loss.
import * as Y from 'yjs';

/** A local-only passage's pieces in different paragraphs are joined with a line break. */
const BLOCK_BREAK = '\n';

interface DeltaOp {
  insert?: unknown;
  attributes?: { ychange?: { type?: string } };
}

/**
 * The passages of `field` in `discarded` that `server` (the document as the server holds it)
 * lacks, in text order, trimmed. A passage runs until text both copies share interrupts it; one that
 * continues into the next paragraph keeps the break. Empty when nothing typed is missing
 * (deleting or formatting alone loses no text to offer back).
 */
export function unkeptText(discarded: Y.Doc, server: Y.Doc, field: string): string[] {
  const serverState = Y.decodeStateVector(Y.encodeStateVector(server));
  // Seen from the discarded copy: "before" is what the server had (its state vector, no
  // deletions), "now" is the copy itself. Text visible now and absent before is local-only.
  const before = Y.createSnapshot(Y.createDeleteSet(), serverState);
  const now = Y.snapshot(discarded);
  const passages: string[] = [];
  let open: string | null = null;
  let breakPending = false;
  const close = () => {
    // The spaces around a passage belonged to the sentence it was typed into.
    const passage = open?.trim();
    if (passage) passages.push(passage);
    open = null;
    breakPending = false;
  };

  const fragment = discarded.getXmlFragment(field);
  const texts = fragment.createTreeWalker((node) => node instanceof Y.XmlText);
  for (const node of texts) {
    if (!(node instanceof Y.XmlText)) continue;
    if (open !== null) breakPending = true;
    const ops = node.toDelta(now, before) as DeltaOp[];
    for (const op of ops) {
      if (typeof op.insert !== 'string' || op.insert === '') continue;
      const change = op.attributes?.ychange?.type;
      if (change === 'added') {
        open = (open ?? '') + (breakPending ? BLOCK_BREAK : '') + op.insert;
        breakPending = false;
      } else if (change === undefined) {
        // Text the server has too ends a passage; text only the server still shows
        // ("removed" here) is not in the person's copy and does not interrupt what they typed.
        close();
      }
    }
  }
  close();
  return passages;
}
