/**
 * What an error keeps besides its public fields: one record in one slot. Stores on an error see a
 * map per class (megamorphic), so one slot costs a decode less than three did; and what getters
 * compute on first read goes into the record, so a frozen error still answers.
 *
 * @module
 */
import type { Body } from "./body.js";
import type { ErrorInit } from "./errors.js";

/** @internal The slot of an error's {@link State}. */
export const STATE: unique symbol = Symbol("matrix-errors.state") as never;

/** @internal An error's state: fixed shape, made once by the constructor. */
export interface State {
  /** The fields typed getters read: the body, or what the WASM scanner extracted. */
  readonly fields: Body;
  /** The whole body, or the text it is parsed from on first read. */
  body: Body | string;
  /** What `retryAfterMs` and `NonMatrixResponse.proxy` are computed from. */
  readonly init: ErrorInit | undefined;
  /** `retryAfterMs` once computed (`null` for none). */
  retry: number | null | undefined;
}

/** Keeps a computed value in the record. A hardened error's record is frozen: it is computed again. */
export function remember<K extends "body" | "retry">(state: State, key: K, value: State[K]): void {
  try {
    state[key] = value;
  } catch {
    // Frozen (SES `harden`, a deep freeze): nothing is cached.
  }
}
