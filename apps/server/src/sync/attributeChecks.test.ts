// Live updates are held to the editor schema's attributes, not only its names: a writer who
// hand-crafts an update with a javascript: link, an unknown attribute, a heading level 9 or a
// list start that is not a number is closed with 4403, and nothing reaches the document, the
// database or the other clients. Legitimate attribute changes (an overwrite, whose key Yjs
// only names through the value it replaces) still pass.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildWorkspace } from '../testing/factories.ts';
import {
  articleString,
  eventually,
  openClient,
  rawSocket,
  synced,
  tokenFor,
  useSyncApp,
} from '../testing/syncClients.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function element(name: string, attributes: Record<string, unknown>, text = 'x'): Y.XmlElement {
  const created = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) {
    created.setAttribute(key, value as string);
  }
  const content = new Y.XmlText();
  content.insert(0, text);
  created.insert(0, [content]);
  return created;
}

function insertOf(node: () => Y.XmlElement): Uint8Array {
  const doc = new Y.Doc();
  doc.getXmlFragment('article').insert(0, [node()]);
  return Y.encodeStateAsUpdate(doc);
}

function linkUpdate(attrs: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment('article').insert(0, [paragraph]);
  text.insert(0, 'click me', { link: attrs });
  return Y.encodeStateAsUpdate(doc);
}

const SAFE_LINK = {
  href: 'https://example.org/',
  target: '_blank',
  rel: 'noopener noreferrer nofollow',
  class: null,
  title: null,
};

describe('attribute checks on live updates', () => {
  const fixture = useSyncApp();

  async function setup() {
    const { t } = fixture;
    const { owner, workspaceId } = await buildWorkspace(t);
    const token = await tokenFor(t, owner);
    const documentId = (await buildDocument(t.db.sql, { workspaceId, createdBy: owner.id })).id;
    const reader = openClient(t.wsUrl, documentId, token);
    fixture.clients.push(reader);
    await synced(reader);
    const send = async (update: Uint8Array) => {
      const raw = rawSocket(t.wsUrl, documentId, token);
      await raw.opened;
      raw.socket.send(syncUpdate(update));
      return raw;
    };
    return { t, token, documentId, reader, send };
  }

  it('closes with 4403 for unsafe hrefs, unknown attributes and out-of-range values, storing and relaying nothing', async () => {
    const { t, documentId, reader, send } = await setup();
    const refused: [Uint8Array, RegExp][] = [
      [linkUpdate({ ...SAFE_LINK, href: 'javascript:alert(1)' }), /href/],
      [linkUpdate({ ...SAFE_LINK, href: 'data:text/html,<script>alert(1)</script>' }), /href/],
      [linkUpdate({ ...SAFE_LINK, href: 'vbscript:msgbox(1)' }), /href/],
      [linkUpdate({ ...SAFE_LINK, href: '//evil.example/' }), /href/],
      [linkUpdate({ ...SAFE_LINK, href: 'https://bank.example@evil.example/' }), /href/],
      [linkUpdate({ ...SAFE_LINK, href: 'https://exa\u0007mple.com/' }), /href/],
      [linkUpdate({ ...SAFE_LINK, onclick: 'alert(1)' }), /"onclick" is not part of "link"/],
      [linkUpdate({ ...SAFE_LINK, target: '_top' }), /target/],
      [insertOf(() => element('paragraph', { onclick: 'alert(1)' })), /"onclick"/],
      [insertOf(() => element('heading', { level: 7 })), /level/],
      [insertOf(() => element('heading', { level: 2.5 })), /level/],
      [insertOf(() => element('heading', { level: '1' })), /level/],
      [insertOf(() => element('orderedList', { start: 'x' })), /start/],
    ];
    for (const [update, reason] of refused) {
      const raw = await send(update);
      const closed = await raw.closed;
      expect(closed.code, reason.source).toBe(4403);
      expect(closed.reason).toMatch(reason);
    }
    expect(articleString(reader.doc)).toBe('');
    const stored = await new PostgresPersistence(t.db.sql).load(documentId);
    expect(stored).toBeNull();
    await t.app.liveDocuments.readDocument(documentId, (doc) => {
      expect(articleString(doc)).toBe('');
    });
  });

  it('accepts a safe link, a heading and a heading level changed afterwards', async () => {
    const { reader, send } = await setup();
    const local = new Y.Doc();
    const heading = element('heading', { level: 1 }, 'Title');
    local.getXmlFragment('article').insert(0, [heading]);
    const first = Y.encodeStateAsUpdate(local);
    const before = Y.encodeStateVector(local);
    heading.setAttribute('level', 2 as unknown as string);
    const overwrite = Y.encodeStateAsUpdate(local, before);
    const raw = await send(first);
    raw.socket.send(syncUpdate(overwrite));
    raw.socket.send(syncUpdate(linkUpdate(SAFE_LINK)));
    await eventually(
      () =>
        articleString(reader.doc).includes('level="2"') &&
        articleString(reader.doc).includes('href'),
      'the heading change and the link to reach the reader',
    );
    // An overwrite to a bad level is refused through the same origin lookup.
    const beforeBad = Y.encodeStateVector(local);
    heading.setAttribute('level', 9 as unknown as string);
    raw.socket.send(syncUpdate(Y.encodeStateAsUpdate(local, beforeBad)));
    expect((await raw.closed).code).toBe(4403);
    expect(articleString(reader.doc)).toContain('level="2"');
  });
});
