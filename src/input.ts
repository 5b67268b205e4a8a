/**
 * The front of every decoder: sorts an input of any type into text, bytes, an object, or a
 * {@link NonMatrixResponse} reason, and applies the size limit. The TS and WASM decoders share
 * it, so they cannot disagree on anything decided here.
 *
 * @module
 */
import { type Body, type NonMatrixReason, NonMatrixResponse } from "./errors.js";
import type { DecodeInit } from "./types.js";

/** The default size limit: bodies longer than this are not parsed. */
export const DEFAULT_MAX_BYTES = 65_536;
/** How much of the body text a {@link NonMatrixResponse} keeps in `raw`. */
export const RAW_LIMIT = 1024;

const utf8 = new TextDecoder();

/** The size limit of a decode: `init.maxBytes` when it is a whole number ≥ 0, else the default. */
export function maxBytesOf(init: DecodeInit | undefined): number {
  const max = init === undefined ? undefined : init.maxBytes;
  return typeof max === "number" && max >= 0 && Number.isInteger(max) ? max : DEFAULT_MAX_BYTES;
}

/** The first 1 KiB of a text, not cutting a surrogate pair in half. */
export function head(text: string): string {
  if (text.length <= RAW_LIMIT) return text;
  const last = text.charCodeAt(RAW_LIMIT - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? RAW_LIMIT - 1 : RAW_LIMIT);
}

/** The first 1 KiB of UTF-8 bytes as text, not cutting a character in half. */
export function headOfBytes(bytes: Uint8Array): string {
  return head(new TextDecoder().decode(bytes.subarray(0, RAW_LIMIT), { stream: true }));
}

/** A leading byte-order mark is ignored, as `Response.json()` does. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A {@link NonMatrixResponse} for a reason, with the caller's status and headers. */
export function nonMatrix(
  reason: NonMatrixReason,
  raw: string,
  init: DecodeInit | undefined,
  body?: Body,
): NonMatrixResponse {
  return new NonMatrixResponse(reason, {
    raw,
    body,
    status: init?.status,
    headers: init?.headers,
    now: init?.now,
  });
}

/** The bytes of a `Uint8Array`, `ArrayBuffer` or other view, or `undefined` for anything else. */
export function asBytes(input: object): Uint8Array | undefined {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return undefined;
}

/** Decodes UTF-8 as `TextDecoder` and `Response.text()` do: BOM dropped, bad bytes as U+FFFD. */
export function textOf(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** Whether a value is read as a body object: a plain object from any realm (not an array, Date, Map, …). */
export function isPlainObject(input: object): boolean {
  return Object.prototype.toString.call(input) === "[object Object]";
}

/** What the parsing stage of a decoder does with a text or with bytes. */
export interface Parser {
  /** Decodes a text that is within the limit, BOM already stripped, not empty. */
  text(text: string, init: DecodeInit | undefined): ErrorResponseLike;
  /** Decodes bytes that are within the limit and not empty. */
  bytes(bytes: Uint8Array, init: DecodeInit | undefined): ErrorResponseLike;
  /** Decodes a body object (a shallow copy of the caller's). */
  object(body: Body, init: DecodeInit | undefined): ErrorResponseLike;
}

type ErrorResponseLike = import("./errors.js").ErrorResponse;

/**
 * Sorts any input into a parser call or a {@link NonMatrixResponse}. Never throws: anything that
 * throws while the input is read (a getter, a Proxy trap, a detached buffer) is `unreadable`.
 * `init` must come from {@link cleanInit}.
 */
export function decodeInput(input: unknown, init: DecodeInit | undefined, parser: Parser): ErrorResponseLike {
  try {
    if (typeof input === "string") {
      if (input.length > maxBytesOf(init)) return nonMatrix("too_large", head(stripBom(input)), init);
      const text = stripBom(input);
      if (text.length === 0) return nonMatrix("empty", "", init);
      return parser.text(text, init);
    }
    if (input === undefined) return nonMatrix("empty", "", init);
    if (typeof input !== "object" || input === null) return nonMatrix("not_object", "", init);
    const bytes = asBytes(input);
    if (bytes !== undefined) {
      if (bytes.byteLength > maxBytesOf(init)) return nonMatrix("too_large", headOfBytes(bytes), init);
      if (bytes.byteLength === 0) return nonMatrix("empty", "", init);
      return parser.bytes(bytes, init);
    }
    if (!isPlainObject(input)) return nonMatrix("not_object", "", init);
    // A shallow copy: the caller's later changes, getters and traps cannot reach the result.
    return parser.object({ ...input }, init);
  } catch {
    return safeNonMatrix("unreadable", init);
  }
}

/**
 * A copy of the caller's init, read once: a getter that throws or a value of the wrong type is
 * ignored here, so nothing later can throw because of it.
 */
export function cleanInit(init: unknown): DecodeInit | undefined {
  if (typeof init !== "object" || init === null) return undefined;
  try {
    const { status, headers, now, maxBytes, captureStack } = init as DecodeInit;
    return { status, headers, now, maxBytes, captureStack };
  } catch {
    return undefined;
  }
}

/** A {@link NonMatrixResponse} even when `init` itself is what throws. */
export function safeNonMatrix(reason: NonMatrixReason, init: DecodeInit | undefined): ErrorResponseLike {
  try {
    return nonMatrix(reason, "", init);
  } catch {
    return nonMatrix(reason, "", undefined);
  }
}
