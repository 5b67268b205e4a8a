/**
 * What a parser returns: plain data, the same fixed shape from the TypeScript parser (JSON.parse)
 * and the WASM scanner, turned into an error by one function (`build.ts`).
 *
 * @module
 */
import { type Body, EMPTY } from "./body.js";
import type { NonMatrixReason } from "./non-matrix.js";

/** A body read by a parser. */
export interface Parsed {
  /** Set when the body is not a Matrix error. */
  readonly reason: NonMatrixReason | undefined;
  /** The wire errcode ("" when `reason` is set). */
  readonly errcode: string;
  /** The errcode's index in the generated table (`wireIndex`), or -1. */
  readonly wire: number;
  /** What typed getters read: the whole body, or the fields a scanner extracted. */
  readonly fields: Body;
  /** The whole body, or `undefined` where it is parsed from `source` on first read. */
  readonly body: Body | undefined;
  /** The body text ("" for object input): `raw`, and the lazily parsed body. */
  readonly source: string;
}

/** A body that is not a Matrix error. */
export function failure(reason: NonMatrixReason, source: string, body?: Body): Parsed {
  return { reason, errcode: "", wire: -1, fields: body ?? EMPTY, body, source };
}

/** What each decoder's parser does with the three kinds of input the front end sorts out. */
export interface Parser {
  /** A text within the limit, BOM stripped, not empty. */
  text(text: string): Parsed;
  /** `length` UTF-8 bytes within the limit, BOM stripped, not empty; read only through `length`. */
  bytes(bytes: Uint8Array, length: number): Parsed;
  /** A plain object (a frozen shallow copy of the caller's). */
  object(body: Body): Parsed;
}
