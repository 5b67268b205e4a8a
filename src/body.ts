/**
 * Bodies and their fields. Every read is of an own property: a polluted `Object.prototype` cannot
 * add a field to a body, and both decoders see the same fields.
 *
 * @module
 */
import { ARRAY_KEYS } from "./dispatch.gen.js";

/** A wire body: every field as received. */
export type Body = Readonly<Record<string, unknown>>;

/** The body of errors that have none: frozen, so no error can change another's. */
export const EMPTY: Body = Object.freeze({});

const hasOwn = Object.prototype.hasOwnProperty;

// Functions on the first decode's path are in parentheses: V8 then compiles them with the script
// instead of on their first call (which cost the first decode ~0.4 ms, for ~0.5 ms more import).
/** Whether a value is a JSON object (not an array, not null). */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const isRecord = (function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
});

/** `body[key]` when it is an own property, else `undefined`. */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const own = (function own(body: Body, key: string): unknown {
  return hasOwn.call(body, key) ? body[key] : undefined;
});

/** `body[key]` when it is a string. */
export function readString(body: Body, key: string): string | undefined {
  const value = own(body, key);
  return typeof value === "string" ? value : undefined;
}

/** `body[key]` when it is a boolean. */
export function readBoolean(body: Body, key: string): boolean | undefined {
  const value = own(body, key);
  return typeof value === "boolean" ? value : undefined;
}

/** `body[key]` when it is a number. */
export function readNumber(body: Body, key: string): number | undefined {
  const value = own(body, key);
  return typeof value === "number" ? value : undefined;
}

/** `body[key]` when it is an array of strings only, as a frozen copy (editing it changes nothing). */
export function readStringArray(body: Body, key: string): readonly string[] | undefined {
  const value = own(body, key);
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (typeof item !== "string") return undefined;
  return Object.freeze(value.slice() as string[]);
}

/**
 * Freezes a body, and the arrays its typed fields read, so that editing `err.body` cannot make a
 * typed getter disagree with what was decoded (in either decoder). Never throws (a Proxy may
 * refuse): such a body stays as it is.
 */
export function freezeBody<T extends object>(body: T): T {
  try {
    for (const key of ARRAY_KEYS) {
      const value = own(body as Body, key);
      if (Array.isArray(value)) Object.freeze(value);
    }
    Object.freeze(body);
  } catch {
    // A Proxy whose traps refuse: nothing to freeze.
  }
  return body;
}
