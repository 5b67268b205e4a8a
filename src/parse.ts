/**
 * The TypeScript decoder's parser: `JSON.parse`, then the errcode and its table index.
 *
 * @module
 */
import { type Body, isRecord } from "./body.js";
import { wireIndex } from "./dispatch.gen.js";
import { failure, type Parsed, type Parser } from "./parsed.js";

const ObjectPrototype = Object.prototype;
const hasOwn = ObjectPrototype.hasOwnProperty;
// Bytes come without their BOM (the front end strips one, as Response.json() does): a second one
// is a character.
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

// Functions on the first decode's path are in parentheses: V8 then compiles them with the script
// instead of on their first call (which cost the first decode ~0.4 ms, for ~0.5 ms more import).
/** A parsed JSON value as a body: an object with a string errcode, else the reason it is not. */
// biome-ignore format: the parentheses make V8 compile it with the script.
const fromValue = (function fromValue(value: unknown, source: string): Parsed {
  if (!isRecord(value)) return failure("not_object", source);
  const body = value;
  // An own property only. JSON.parse and the front end's copy make bodies whose prototype is
  // Object.prototype, so a plain read is of the body's own field unless Object.prototype has one
  // (polluted): `in` tells without running a getter, and costs less than `hasOwnProperty`.
  const errcode = "errcode" in ObjectPrototype && !hasOwn.call(body, "errcode") ? undefined : body.errcode;
  if (typeof errcode !== "string") return failure("missing_errcode", source, body);
  return { reason: undefined, errcode, wire: wireIndex(errcode), fields: body, body, source };
});

/** Parses a body text with `JSON.parse`. */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const parseText = (function parseText(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failure("not_json", text);
  }
  return fromValue(value, text);
});

/** Decodes UTF-8 as `TextDecoder` does (bad bytes as U+FFFD), through the view's internal length. */
export function textOf(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** The TypeScript decoder's parser. */
export const jsonParser: Parser = {
  text: parseText,
  bytes: (bytes) => parseText(textOf(bytes)),
  object: (body: Body) => fromValue(body, ""),
};
