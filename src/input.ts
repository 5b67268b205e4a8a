/**
 * The front of every decoder: sorts an input of any type into a text, bytes or an object for the
 * decoder's parser, or a reason it is not a body. The byte-order mark, "empty" and the size limit
 * are decided here and nowhere else. Sizes are read through the intrinsic getters, never through
 * properties a caller can shadow.
 *
 * @module
 */
import { type Body, isRecord, own } from "./body.js";
import { ARRAY_KEYS } from "./dispatch.gen.js";
import { failure, type Parsed, type Parser } from "./parsed.js";

/** The default size limit: bodies longer than this are not parsed. */
const DEFAULT_MAX_BYTES = 65_536;
/** How much of the body text a `NonMatrixResponse` keeps in `raw`. */
const RAW_LIMIT = 1024;

const TypedArray = Object.getPrototypeOf(Uint8Array.prototype) as object;
// An intrinsic getter as a plain function of its receiver (no arguments array per call).
function getter(proto: object, name: string | symbol): (target: unknown) => unknown {
  const get = Object.getOwnPropertyDescriptor(proto, name)?.get as (this: unknown) => unknown;
  return Function.prototype.call.bind(get) as (target: unknown) => unknown;
}
const viewLength = getter(TypedArray, "byteLength");
const viewOffset = getter(TypedArray, "byteOffset");
const viewBuffer = getter(TypedArray, "buffer");
// A typed array's element type ("Uint8Array", …) from its internal slot; `undefined` for a DataView.
const typedArrayName = getter(TypedArray, Symbol.toStringTag);
const dataViewLength = getter(DataView.prototype, "byteLength");
const dataViewOffset = getter(DataView.prototype, "byteOffset");
const dataViewBuffer = getter(DataView.prototype, "buffer");
const bufferLength = getter(ArrayBuffer.prototype, "byteLength");
const sharedLength =
  typeof SharedArrayBuffer === "function" ? getter(SharedArrayBuffer.prototype, "byteLength") : undefined;
const isView = ArrayBuffer.isView;
const toTag = Object.prototype.toString;
const rawText = new TextDecoder("utf-8", { ignoreBOM: true });

/** The size limit of a decode: `maxBytes` when it is a whole number ≥ 0, else the default. */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const maxBytesOf = (function maxBytesOf(maxBytes: unknown): number {
  return typeof maxBytes === "number" && maxBytes >= 0 && Number.isInteger(maxBytes) ? maxBytes : DEFAULT_MAX_BYTES;
});

/** The first 1 KiB of a text, not cutting a surrogate pair in half. */
export function head(text: string): string {
  if (text.length <= RAW_LIMIT) return text;
  const last = text.charCodeAt(RAW_LIMIT - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? RAW_LIMIT - 1 : RAW_LIMIT);
}

/** The first 1 KiB of UTF-8 bytes (BOM stripped) as text, not cutting a character in half. */
export function headOfBytes(bytes: Uint8Array, length: number): string {
  const start = hasBom(bytes, length) ? 3 : 0;
  const end = Math.min(length, start + RAW_LIMIT);
  return head(rawText.decode(new Uint8Array(viewBuffer(bytes) as ArrayBuffer, offsetOf(bytes) + start, end - start)));
}

function offsetOf(bytes: Uint8Array): number {
  return viewOffset(bytes) as number;
}

function hasBom(bytes: Uint8Array, length: number): boolean {
  return length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * A `Uint8Array` over the bytes of a view or buffer of any realm (`ArrayBuffer`,
 * `SharedArrayBuffer`, any typed array, `DataView`), or `undefined` for anything else.
 */
export function bytesOf(input: object): Uint8Array | undefined {
  if (isView(input)) {
    // The element type from the view's own slot, whatever its prototype says (an Int16Array
    // made to look like a Uint8Array would be copied element by element into the WASM memory).
    // It also costs a decode less than `Object.getPrototypeOf`, which calls into the runtime.
    const name = typedArrayName(input);
    if (name === "Uint8Array") return input as Uint8Array;
    if (name === undefined) {
      const buffer = dataViewBuffer(input) as ArrayBuffer;
      return new Uint8Array(buffer, dataViewOffset(input) as number, dataViewLength(input) as number);
    }
    return new Uint8Array(
      viewBuffer(input) as ArrayBuffer,
      offsetOf(input as Uint8Array),
      lengthOf(input as Uint8Array),
    );
  }
  const tag = toTag.call(input);
  if (tag === "[object ArrayBuffer]") return new Uint8Array(input as ArrayBuffer, 0, bufferLength(input) as number);
  if (tag === "[object SharedArrayBuffer]" && sharedLength !== undefined) {
    return new Uint8Array(input as ArrayBuffer, 0, sharedLength(input) as number);
  }
  return undefined;
}

/** The byte length of a typed array (a `Uint8Array` from {@link bytesOf}), through the intrinsic getter. */
export function lengthOf(bytes: Uint8Array): number {
  return viewLength(bytes) as number;
}

/** Whether a value is read as a body object: a plain object from any realm (not an array, Date, Map, …). */
function isPlainObject(input: object): boolean {
  return toTag.call(input) === "[object Object]" && isRecord(input);
}

/**
 * Sorts any input into a parser call or a failure. Throws only when reading the input throws (a
 * getter, a Proxy trap, a detached buffer): the caller answers `unreadable` then.
 */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const frontEnd = (function frontEnd(input: unknown, maxBytes: number, parser: Parser): Parsed {
  if (typeof input === "string") {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (input.length > maxBytes) return failure("too_large", head(text));
    if (text.length === 0) return failure("empty", "");
    return parser.text(text);
  }
  return frontOfValue(input, maxBytes, parser);
});

/** {@link frontEnd} for what is not a string: apart, so that the string path is small enough for V8 to inline. */
function frontOfValue(input: unknown, maxBytes: number, parser: Parser): Parsed {
  if (input === undefined) return failure("empty", "");
  if (typeof input !== "object" || input === null) return failure("not_object", "");
  const bytes = bytesOf(input);
  if (bytes !== undefined) {
    const length = lengthOf(bytes);
    if (length > maxBytes) return failure("too_large", headOfBytes(bytes, length));
    if (!hasBom(bytes, length)) return length === 0 ? failure("empty", "") : parser.bytes(bytes, length);
    if (length === 3) return failure("empty", "");
    return parser.bytes(new Uint8Array(viewBuffer(bytes) as ArrayBuffer, offsetOf(bytes) + 3, length - 3), length - 3);
  }
  if (!isPlainObject(input)) return failure("not_object", "");
  // A shallow copy: the caller's later changes, getters and traps cannot reach the result. The
  // arrays typed fields read are copied too: the body freezes them, and they are the caller's.
  const copy: Record<string, unknown> = { ...(input as Body) };
  for (const key of ARRAY_KEYS) {
    const value = own(copy, key);
    if (Array.isArray(value)) copy[key] = value.slice();
  }
  return parser.object(copy);
}
