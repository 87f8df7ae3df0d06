// What a person is offered back when their copy is discarded must be exactly what they typed
// and the server lacks: not the whole article, not what colleagues changed meanwhile.
import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { unkeptText } from './unkeptText.ts';

const FIELD = 'article';

/** A document with one paragraph per string, as y-tiptap lays out an article. */
function article(paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(FIELD);
  fragment.insert(
    0,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
  return doc;
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function textOf(doc: Y.Doc, paragraph: number): Y.XmlText {
  const element = doc.getXmlFragment(FIELD).get(paragraph) as Y.XmlElement;
  return element.get(0) as Y.XmlText;
}

/** Lets `from` and `to` exchange everything, as a sync over the socket would. */
function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
  Y.applyUpdate(from, Y.encodeStateAsUpdate(to, Y.encodeStateVector(from)));
}

describe('unkeptText', () => {
  test('a copy the server holds entirely has nothing unkept', () => {
    const server = article(['Crime fell by 40 percent.', 'Critics disagree.']);
    expect(unkeptText(copyOf(server), copyOf(server), FIELD)).toEqual([]);
  });

  test('text typed in two places comes back as two passages, in text order', () => {
    const server = article(['Crime fell by 40 percent.', 'Critics disagree.']);
    const local = copyOf(server);
    textOf(local, 1).insert(17, ' Loudly.');
    textOf(local, 0).insert(5, ' (violent)');
    expect(unkeptText(local, server, FIELD)).toEqual(['(violent)', 'Loudly.']);
  });

  test("what colleagues typed meanwhile is the server's, not the person's loss", () => {
    const server = article(['Crime fell by 40 percent.']);
    const local = copyOf(server);
    textOf(local, 0).insert(25, ' Refused sentence.');
    textOf(server, 0).insert(0, 'Colleague: ');
    textOf(server, 0).delete(11, 6);
    expect(unkeptText(local, server, FIELD)).toEqual(['Refused sentence.']);
  });

  test('edits the server accepted before the refusal are not offered back', () => {
    const server = article(['Crime fell.']);
    const local = copyOf(server);
    textOf(local, 0).insert(11, ' Accepted.');
    sync(local, server);
    // Same client, later clock: the server never got these (the text was locked).
    textOf(local, 0).insert(21, ' Refused.');
    expect(unkeptText(local, server, FIELD)).toEqual(['Refused.']);
  });

  test('a new paragraph typed after an existing one joins the passage with a line break', () => {
    const server = article(['First.']);
    const local = copyOf(server);
    textOf(local, 0).insert(6, ' More.');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('A whole new paragraph.')]);
    local.getXmlFragment(FIELD).insert(1, [paragraph]);
    expect(unkeptText(local, server, FIELD)).toEqual(['More.\nA whole new paragraph.']);
  });

  test('deleting text alone loses nothing to copy', () => {
    const server = article(['Crime fell by 40 percent.']);
    const local = copyOf(server);
    textOf(local, 0).delete(0, 6);
    expect(unkeptText(local, server, FIELD)).toEqual([]);
  });

  test("a copy from another document's history is unkept entirely", () => {
    const server = article(['This document.']);
    const foreign = article(['Another article.', 'Its second paragraph.']);
    expect(unkeptText(foreign, server, FIELD)).toEqual(['Another article.\nIts second paragraph.']);
  });
});
