// The attribute rules of the article schema, for content that did not come through the
// editor: live updates on the sync socket (a writer can hand-craft any Yjs update). Which
// attributes a node or mark may carry comes from the schema itself; their values follow the
// same rules as the editor and the import: link hrefs by the one link rule of
// @factdesk/model, heading levels 1–6, list starts numbers.
import { safeHref } from '@factdesk/model';
import { getArticleSchema, LINK_REL } from './articleExtensions.ts';

type Check = (value: unknown) => boolean;

const isNullOr =
  (check: Check): Check =>
  (value) =>
    value === null || check(value);
const isString: Check = (value) => typeof value === 'string';

// Attributes whose values are constrained; any other attribute of the schema must be null.
const VALUE_RULES: Record<string, Record<string, { rule: Check; says: string }>> = {
  heading: {
    level: {
      rule: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 6,
      says: 'a whole number from 1 to 6',
    },
  },
  orderedList: {
    start: {
      rule: (value) => typeof value === 'number' && Number.isFinite(value),
      says: 'a number',
    },
    type: {
      rule: isNullOr(
        (value) => ['1', 'a', 'A', 'i', 'I'].includes(String(value)) && isString(value),
      ),
      says: 'one of 1, a, A, i, I',
    },
  },
  link: {
    href: {
      rule: (value) => typeof value === 'string' && safeHref(value) !== null,
      says: 'an http, https or mailto URL without credentials, spaces or control characters',
    },
    target: { rule: isNullOr((value) => value === '_blank'), says: '"_blank"' },
    rel: { rule: isNullOr((value) => value === LINK_REL), says: `"${LINK_REL}"` },
    title: {
      rule: isNullOr((value) => isString(value) && (value as string).length <= 1000),
      says: 'text of at most 1000 characters',
    },
  },
};

let attributeNames: Map<string, ReadonlySet<string>> | undefined;

/** Attribute names of every node and mark type, from the schema. */
function schemaAttributes(): Map<string, ReadonlySet<string>> {
  if (!attributeNames) {
    const schema = getArticleSchema();
    attributeNames = new Map();
    for (const type of [...Object.values(schema.nodes), ...Object.values(schema.marks)]) {
      attributeNames.set(type.name, new Set(Object.keys(type.spec.attrs ?? {})));
    }
  }
  return attributeNames;
}

/**
 * Why `key: value` may not be stored on a node or mark of type `typeName`, or null when it
 * may. Unknown attributes are refused; known ones without a value rule must be null.
 */
export function checkArticleAttribute(
  typeName: string,
  key: string,
  value: unknown,
): string | null {
  const known = schemaAttributes().get(typeName);
  if (!known?.has(key))
    return `attribute "${key}" is not part of "${typeName}" in the editor schema`;
  const rule = VALUE_RULES[typeName]?.[key];
  if (rule)
    return rule.rule(value) ? null : `"${typeName}" attribute "${key}" must be ${rule.says}`;
  return value === null ? null : `"${typeName}" attribute "${key}" must be empty`;
}

/** Why a mark's stored attributes (y-prosemirror keeps them as one object) are refused. */
export function checkArticleMarkAttributes(markName: string, attrs: unknown): string | null {
  // null ends the mark; an object is its attributes.
  if (attrs === null) return null;
  if (typeof attrs !== 'object' || Array.isArray(attrs)) {
    return `mark "${markName}" must carry its attributes as an object`;
  }
  for (const [key, value] of Object.entries(attrs as Record<string, unknown>)) {
    const reason = checkArticleAttribute(markName, key, value);
    if (reason) return reason;
  }
  if (markName === 'link' && !('href' in (attrs as object))) return 'a link must have an href';
  return null;
}
