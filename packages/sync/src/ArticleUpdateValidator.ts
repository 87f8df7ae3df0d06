// Refuses a client's Yjs update unless it only writes into the article's root fragment with
// node and mark types of the editor schema. A browser's editor binding deletes content it
// cannot parse, so one bad writer could otherwise wipe the document for everyone.
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
    for (const struct of structs) {
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
      const reason = contentReason(struct, names, markAllowed);
      if (reason) return reason;
    }
    return null;
  };
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
  // Element attributes (heading level, link href…) are keyed values.
  if (content instanceof Y.ContentAny && item.parentSub !== null) return null;
  return 'update carries content the article does not use';
}
