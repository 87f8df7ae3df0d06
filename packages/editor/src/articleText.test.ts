// The text model and anchors, on real Y docs: positions made in the "browser" by y-tiptap
// resolve to the same text on the server, and follow concurrent edits from another replica.
import { absolutePositionToRelativePosition, initProseMirrorDoc } from '@tiptap/y-tiptap';
import { toBase64 } from 'lib0/buffer';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ARTICLE_FIELD, getArticleSchema } from './articleExtensions.ts';
import { articlePlainText } from './articleJSON.ts';
import {
  articleText,
  isWellFormedAnchor,
  relativeRangeAt,
  resolveAnchorRange,
} from './articleText.ts';
import { articleToYUpdate, replaceArticle, yDocToArticleJSON } from './articleYjs.ts';
import { importArticle } from './importArticle.ts';

const ARTICLE = [
  '# The mayor said',
  '',
  'Crime fell by **40 percent** last year.  ',
  'Second line.',
  '',
  '> Unemployment is at a record low.',
  '',
  '---',
  '',
  '- Taxes went down.',
  '- Schools got [more money](https://example.org).',
  '',
  '',
].join('\n');

function replicas() {
  const update = articleToYUpdate(importArticle(ARTICLE, 'md'));
  const server = new Y.Doc();
  const client = new Y.Doc();
  Y.applyUpdate(server, update);
  Y.applyUpdate(client, update);
  return { server, client };
}

/** Sends every change of `from` that `to` lacks, as y-websocket would. */
function sync(from: Y.Doc, to: Y.Doc) {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** The XmlText holding `needle` in a replica, and the index of the needle in it. */
function findText(doc: Y.Doc, needle: string): { type: Y.XmlText; index: number } {
  const walk = (type: Y.XmlFragment | Y.XmlElement): { type: Y.XmlText; index: number } | null => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) {
        const plain = (child.toDelta() as { insert: string }[]).map((op) => op.insert).join('');
        const index = plain.indexOf(needle);
        if (index >= 0) return { type: child, index };
      } else if (child instanceof Y.XmlElement) {
        const found = walk(child);
        if (found) return found;
      }
    }
    return null;
  };
  const found = walk(doc.getXmlFragment(ARTICLE_FIELD));
  if (!found) throw new Error(`"${needle}" is not in the doc`);
  return found;
}

describe('articleText', () => {
  it('is the plain text of the fragment, blocks and hard breaks as newlines', () => {
    const { server } = replicas();
    const expected =
      'The mayor said\nCrime fell by 40 percent last year.\nSecond line.\n' +
      'Unemployment is at a record low.\nTaxes went down.\nSchools got more money.';
    expect(articleText(server).text).toBe(expected);
    expect(articlePlainText(yDocToArticleJSON(server))).toBe(expected);
  });

  it('maps a position in a text to its offset, and one between blocks to the next text', () => {
    const { server } = replicas();
    const model = articleText(server);
    const { type, index } = findText(server, 'last year');
    expect(model.offsetOf(type, index)).toBe(model.text.indexOf('last year'));
    const fragment = server.getXmlFragment(ARTICLE_FIELD);
    expect(model.offsetOf(fragment, 0)).toBe(0);
    expect(model.offsetOf(fragment, fragment.length)).toBe(model.text.length);
    expect(model.offsetOf(new Y.Doc().getXmlFragment('other'), 0)).toBeNull();
  });
});

describe('anchors', () => {
  it('resolves positions y-tiptap makes in the browser to the selected text', () => {
    const { server, client } = replicas();
    const fragment = client.getXmlFragment(ARTICLE_FIELD);
    const { doc, mapping } = initProseMirrorDoc(fragment, getArticleSchema());
    // Select "40 percent last" as the editor would: ProseMirror positions.
    let from = -1;
    doc.descendants((node, pos) => {
      if (node.isText && node.text?.includes('40 percent')) from = pos + node.text.indexOf('40');
    });
    const to = from + '40 percent last'.length;
    const rel = (pos: number) =>
      toBase64(
        Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, fragment, mapping)),
      );
    const range = resolveAnchorRange(server, rel(from), rel(to));
    expect(range?.text).toBe('40 percent last');
    // From the very start of the document (pos 0: relative to the fragment itself) to the
    // end of the heading.
    const headingEnd = doc.child(0).nodeSize - 1;
    expect(resolveAnchorRange(server, rel(0), rel(headingEnd))?.text).toBe('The mayor said');
  });

  it('follows inserts before and inside the range made on another replica', () => {
    const { server, client } = replicas();
    const text = articleText(server).text;
    const from = text.indexOf('Unemployment');
    const to = from + 'Unemployment is at a record low'.length;
    const { start, end } = relativeRangeAt(server, from, to);
    expect(resolveAnchorRange(server, start, end)?.text).toBe('Unemployment is at a record low');

    // The client types before the range (in an earlier paragraph) and inside it.
    const crime = findText(client, 'Crime');
    crime.type.insert(crime.index, 'Reportedly, ');
    const record = findText(client, 'record');
    record.type.insert(record.index, 'near-');
    // Concurrently, the server's own copy gets an edit right after the range.
    const low = findText(server, 'low.');
    low.type.insert(low.index + 3, ' (officially)');
    sync(client, server);
    sync(server, client);

    for (const doc of [server, client]) {
      const range = resolveAnchorRange(doc, start, end);
      expect(range?.text).toBe('Unemployment is at a near-record low');
      expect(articleText(doc).text.slice(range?.from, range?.to)).toBe(range?.text);
    }
  });

  it('shrinks when text inside is deleted and collapses when all of it is', () => {
    const { server, client } = replicas();
    const text = articleText(server).text;
    const from = text.indexOf('Taxes');
    const { start, end } = relativeRangeAt(server, from, from + 'Taxes went down'.length);
    const taxes = findText(client, 'Taxes');
    taxes.type.delete(taxes.index + 5, ' went'.length);
    sync(client, server);
    expect(resolveAnchorRange(server, start, end)?.text).toBe('Taxes down');
    const left = findText(client, 'Taxes');
    left.type.delete(left.index, 'Taxes down'.length);
    sync(client, server);
    expect(resolveAnchorRange(server, start, end)?.text).toBe('');
  });

  it('refuses ranges outside the text and anchors that are not positions', () => {
    const { server } = replicas();
    const length = articleText(server).text.length;
    expect(() => relativeRangeAt(server, 0, length + 1)).toThrow(RangeError);
    expect(() => relativeRangeAt(server, 5, 2)).toThrow(RangeError);
    expect(resolveAnchorRange(server, 'not base64!', 'AAAA')).toBeNull();
    expect(isWellFormedAnchor('%%%')).toBe(false);
    const { start, end } = relativeRangeAt(server, 0, 3);
    expect(isWellFormedAnchor(start)).toBe(true);
    expect(resolveAnchorRange(server, end, start)).toBeNull();
    expect(resolveAnchorRange(new Y.Doc(), start, end)).toBeNull();
  });
});

describe('replaceArticle', () => {
  it('restores old content as one forward change: no duplicates, unchanged anchors kept', () => {
    const { server, client } = replicas();
    const old = yDocToArticleJSON(server);
    const text = articleText(server).text;
    const from = text.indexOf('Taxes');
    const anchor = relativeRangeAt(server, from, from + 'Taxes went down'.length);
    // The client rewrites the first paragraph; the server restores the old version.
    const crime = findText(client, 'Crime');
    crime.type.delete(crime.index, 'Crime fell by '.length);
    crime.type.insert(crime.index, 'Nothing changed, ');
    sync(client, server);
    replaceArticle(server, old);
    // A client holding the current state merges the restore without duplicating anything.
    sync(server, client);
    for (const doc of [server, client]) {
      expect(articleText(doc).text).toBe(text);
      expect(resolveAnchorRange(doc, anchor.start, anchor.end)?.text).toBe('Taxes went down');
    }
  });
});
