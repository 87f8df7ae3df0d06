import { type Static, type TSchema, Type } from 'typebox';

/**
 * A value of `schema` or null. A schema with one JSON type becomes a type list
 * (`type: ["string", "null"]`) rather than `anyOf`: the server's serializer writes a type list
 * with a null check, while `anyOf` made it compile an ajv validator per field on first use
 * (~90 ms on the first claim response) and run it on every response; and the request
 * validator coerces nothing when either type matches (under `anyOf` it turned null into 0).
 * Schemas without one type (unions, enums) stay `anyOf` with null.
 */
export function Nullable<T extends TSchema>(schema: T, options: Record<string, unknown> = {}) {
  const type = (schema as { type?: unknown }).type;
  return Type.Unsafe<Static<T> | null>(
    typeof type === 'string'
      ? { ...schema, ...options, type: [type, 'null'] }
      : { ...options, anyOf: [schema, Type.Null()] },
  );
}
