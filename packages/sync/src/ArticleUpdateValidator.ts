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
export type UpdateValidator = ((update: Uint8Array, doc: Y.Doc) => string | null) & {
  /** The checks over decoded structs, also usable without the document (StructValidator). */
  structs?: StructValidator;
};

/**
 * A check a validator could not make without the document (it ran in a worker thread, on the
 * update alone): made afterwards on the event loop, where the document lives. IDs are plain
 * numbers so the check crosses threads.
 */
export type DeferredCheck =
  /** The item with this id must be a shared type in the document. */
  | { kind: 'type'; client: number; clock: number }
  /** The attribute value's owner is found from this document item on. */
  | {
      kind: 'attribute';
      /** `element`: the id is the element holding `key`; `origin`: the chain goes on from it. */
      from: 'element' | 'origin';
      client: number;
      clock: number;
      key: string | null;
      steps: number;
      value: unknown;
    };

export interface StructValidator {
  /**
   * The reason to refuse decoded structs. With a document, every check is made; without one
   * (null), the checks that need it are appended to `deferred` instead.
   */
  check(structs: readonly unknown[], doc: Y.Doc | null, deferred?: DeferredCheck[]): string | null;
  /** Makes the deferred checks against the document. */
  checkDeferred(checks: readonly DeferredCheck[], doc: Y.Doc): string | null;
}

// y-prosemirror keys overlapping marks of one type as `name--<8 base64 chars>`.
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** Where a step of an attribute's owner chain could not go on without the document. */
interface Later {
  later: DeferredCheck & { kind: 'attribute' };
}

export function createArticleUpdateValidator(names: ArticleSchemaNames): UpdateValidator {
  const structs = createArticleStructValidator(names);
  const validate: UpdateValidator = (update, doc) =>
    structs.check(Y.decodeUpdate(update).structs, doc);
  validate.structs = structs;
  return validate;
}

export function createArticleStructValidator(names: ArticleSchemaNames): StructValidator {
  const markAllowed = (key: string) =>
    names.markNames.has(key) || names.markNames.has(HASHED_MARK.exec(key)?.[1] ?? '');

  const check = (
    structs: readonly unknown[],
    doc: Y.Doc | null,
    deferred: DeferredCheck[] = [],
  ): string | null => {
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
        if (!newTypes.has(`${parent.client}:${parent.clock}`)) {
          if (!doc) deferred.push({ kind: 'type', client: parent.client, clock: parent.clock });
          else if (!isTypeInDoc(doc, parent)) {
            return 'update writes into content the document does not have';
          }
        }
      }
      const reason =
        contentReason(struct, names, markAllowed) ??
        attributeReason(struct, names, items, doc, deferred);
      if (reason) return reason;
    }
    return null;
  };

  const checkDeferred = (checks: readonly DeferredCheck[], doc: Y.Doc): string | null => {
    for (const deferred of checks) {
      const id = Y.createID(deferred.client, deferred.clock);
      if (deferred.kind === 'type') {
        if (!isTypeInDoc(doc, id)) return 'update writes into content the document does not have';
        continue;
      }
      let owner: { nodeName: string; key: string } | null = null;
      if (deferred.from === 'element') {
        const element = docItem(doc, id);
        const type = element?.content instanceof Y.ContentType ? element.content.type : null;
        owner =
          type instanceof Y.XmlElement && deferred.key !== null
            ? { nodeName: type.nodeName, key: deferred.key }
            : null;
      } else {
        const start = docItem(doc, id);
        const found = start ? attributeOwner(start, new Map(), doc, deferred.steps) : null;
        owner = found && !('later' in found) ? found : null;
      }
      if (!owner) return 'update carries a value that is not an attribute of an article element';
      const reason = names.checkAttribute(owner.nodeName, owner.key, deferred.value);
      if (reason) return reason;
    }
    return null;
  };

  return { check, checkDeferred };
}

/** The schema's value rules for element attributes and mark attributes. */
function attributeReason(
  item: Y.Item,
  names: ArticleSchemaNames,
  items: Map<string, Y.Item>,
  doc: Y.Doc | null,
  deferred: DeferredCheck[],
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
  const value = content.getContent()[0];
  const owner = attributeOwner(item, items, doc, 0);
  if (owner && 'later' in owner) {
    deferred.push({ ...owner.later, value });
    return null;
  }
  if (!owner) return 'update carries a value that is not an attribute of an article element';
  return names.checkAttribute(owner.nodeName, owner.key, value);
}

/**
 * The element and key an attribute item belongs to. An item that overwrites an attribute
 * names only its origin (the value it replaces), so its place is its origin's: in this
 * update or in the document. Without the document (null), where the chain leaves the update
 * it says where to go on later.
 */
function attributeOwner(
  item: Y.Item,
  items: Map<string, Y.Item>,
  doc: Y.Doc | null,
  firstStep: number,
): { nodeName: string; key: string } | Later | null {
  let current: Y.Item | undefined = item;
  // Each step moves to an earlier item of the same key; a cycle or a long chain is refused.
  for (let step = firstStep; current && step < 1_000; step++) {
    const parent = current.parent as unknown;
    if (current.parentSub !== null && parent instanceof Y.ID) {
      const inUpdate = items.get(`${parent.client}:${parent.clock}`);
      if (!inUpdate && !doc) {
        const { client, clock } = parent;
        const key = current.parentSub;
        return {
          later: {
            kind: 'attribute',
            from: 'element',
            client,
            clock,
            key,
            steps: step,
            value: null,
          },
        };
      }
      const element = inUpdate ?? (doc ? docItem(doc, parent) : undefined);
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
    const next = items.get(`${origin.client}:${origin.clock}`);
    if (!next && !doc) {
      const { client, clock } = origin;
      return {
        later: {
          kind: 'attribute',
          from: 'origin',
          client,
          clock,
          key: null,
          steps: step + 1,
          value: null,
        },
      };
    }
    current = next ?? (doc ? docItem(doc, origin) : undefined);
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
