// Refuses a client's Yjs update unless it only writes into the article's root fragment with
// node and mark types of the editor schema, and attributes of those types with values the
// schema's rules allow (a link's href, a heading's level…). A browser's editor binding
// deletes content it cannot parse, so one bad writer could otherwise wipe the document for
// everyone, and a javascript: href would reach every reader.
//
// Decoding is linear in the update's size (already capped by the message limit). Items whose
// parent is inferred from an origin need no lookup: by induction every item already in the
// document lives under the article root, because nothing else was ever let in.
import * as Y from 'yjs';

export interface ArticleSchemaNames {
  /** Name of the Y.XmlFragment holding the article. */
  rootName: string;
  /** Element node names (Y.XmlElement nodeName), e.g. paragraph, heading. */
  nodeNames: ReadonlySet<string>;
  /** Mark names, stored by the editor binding as formatting keys (`name` or `name--hash`). */
  markNames: ReadonlySet<string>;
  /** Why an element attribute may not be stored (unknown key, bad value), or null. */
  checkAttribute: (nodeName: string, key: string, value: unknown) => string | null;
  /** Why a mark's attributes (one object per formatting item) are refused, or null. */
  checkMarkAttributes: (markName: string, attrs: unknown) => string | null;
}

/** A reason to refuse the update, or null when it may be applied. Throws on undecodable bytes. */
export type UpdateValidator = (update: Uint8Array, doc: Y.Doc) => string | null;

// y-prosemirror keys overlapping marks of one type as `name--<8 base64 chars>`.
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

export function createArticleUpdateValidator(names: ArticleSchemaNames): UpdateValidator {
  const markAllowed = (key: string) =>
    names.markNames.has(key) || names.markNames.has(HASHED_MARK.exec(key)?.[1] ?? '');

  return (update, doc) => {
    const { structs } = Y.decodeUpdate(update);
    // Types created by this update, by "client:clock" of their item.
    const newTypes = new Set<string>();
    const items = new Map<string, Y.Item>();
    for (const struct of structs) {
      if (struct instanceof Y.Item) items.set(`${struct.id.client}:${struct.id.clock}`, struct);
      if (struct instanceof Y.Item && struct.content instanceof Y.ContentType) {
        newTypes.add(`${struct.id.client}:${struct.id.clock}`);
      }
    }
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue; // GC and Skip carry no content
      const parent = struct.parent as unknown;
      if (typeof parent === 'string') {
        if (parent !== names.rootName) return `update writes to "${parent}", outside the article`;
        if (struct.parentSub !== null) return 'update sets a key on the article root';
      } else if (parent instanceof Y.ID) {
        if (!newTypes.has(`${parent.client}:${parent.clock}`) && !isTypeInDoc(doc, parent)) {
          return 'update writes into content the document does not have';
        }
      }
      const reason =
        contentReason(struct, names, markAllowed) ?? attributeReason(struct, names, items, doc);
      if (reason) return reason;
    }
    return null;
  };
}

/** The schema's value rules for element attributes and mark attributes. */
function attributeReason(
  item: Y.Item,
  names: ArticleSchemaNames,
  items: Map<string, Y.Item>,
  doc: Y.Doc,
): string | null {
  const content = item.content;
  if (content instanceof Y.ContentFormat) {
    return names.checkMarkAttributes(
      HASHED_MARK.exec(content.key)?.[1] ?? content.key,
      content.value,
    );
  }
  if (item.parentSub !== null && !(content instanceof Y.ContentAny)) {
    if (!(content instanceof Y.ContentDeleted)) return 'an attribute value must be a plain value';
  }
  if (!(content instanceof Y.ContentAny)) return null;
  const owner = attributeOwner(item, items, doc);
  if (!owner) return 'update carries a value that is not an attribute of an article element';
  return names.checkAttribute(owner.nodeName, owner.key, content.getContent()[0]);
}

/**
 * The element and key an attribute item belongs to. An item that overwrites an attribute
 * names only its origin (the value it replaces), so its place is its origin's: in this
 * update or in the document.
 */
function attributeOwner(
  item: Y.Item,
  items: Map<string, Y.Item>,
  doc: Y.Doc,
): { nodeName: string; key: string } | null {
  let current: Y.Item | undefined = item;
  // Each step moves to an earlier item of the same key; a cycle or a long chain is refused.
  for (let step = 0; current && step < 1_000; step++) {
    const parent = current.parent as unknown;
    if (current.parentSub !== null && parent instanceof Y.ID) {
      const element = items.get(`${parent.client}:${parent.clock}`) ?? docItem(doc, parent);
      const type = element?.content instanceof Y.ContentType ? element.content.type : null;
      return type instanceof Y.XmlElement
        ? { nodeName: type.nodeName, key: current.parentSub }
        : null;
    }
    if (current.parentSub !== null && parent instanceof Y.XmlElement) {
      return { nodeName: parent.nodeName, key: current.parentSub };
    }
    if (parent !== null || current.parentSub !== null) return null;
    const origin: Y.ID | null = current.origin ?? current.rightOrigin;
    if (!origin) return null;
    current = items.get(`${origin.client}:${origin.clock}`) ?? docItem(doc, origin);
  }
  return null;
}

function docItem(doc: Y.Doc, id: Y.ID): Y.Item | undefined {
  if (id.clock >= Y.getState(doc.store, id.client)) return undefined;
  const item = Y.getItem(doc.store, id);
  return item instanceof Y.Item ? item : undefined;
}

function isTypeInDoc(doc: Y.Doc, id: Y.ID): boolean {
  if (id.clock >= Y.getState(doc.store, id.client)) return false;
  const item = Y.getItem(doc.store, id);
  return item instanceof Y.Item && item.content instanceof Y.ContentType;
}

function contentReason(
  item: Y.Item,
  names: ArticleSchemaNames,
  markAllowed: (key: string) => boolean,
): string | null {
  const content = item.content;
  if (content instanceof Y.ContentString || content instanceof Y.ContentDeleted) return null;
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlText) return null;
    if (type instanceof Y.XmlElement) {
      return names.nodeNames.has(type.nodeName)
        ? null
        : `node type "${type.nodeName}" is not part of the editor schema`;
    }
    return 'update creates a shared type the article does not use';
  }
  if (content instanceof Y.ContentFormat) {
    return markAllowed(content.key)
      ? null
      : `mark "${content.key}" is not part of the editor schema`;
  }
  // Element attributes (heading level, ordered list start…) are keyed values, checked by
  // attributeReason; a value whose key is inferred from its origin is found there.
  if (content instanceof Y.ContentAny) return null;
  return 'update carries content the article does not use';
}
