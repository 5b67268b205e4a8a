/**
 * How the package's own classes are made and constructed, beyond the public `new C(body, init)`:
 * their fixed names, two internal constructor arguments, and the record the base constructor
 * hands its fields over in.
 *
 * @module
 */
import type { ErrorResponse } from "./errors.js";
import type { STATE, State } from "./state.js";

/** @internal Gives a class a fixed `name`, whatever a minifier does to its identifier. */
export function named(cls: { prototype: ErrorResponse }, name: string): void {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}

/**
 * @internal The third argument the builder gives a constructor: the body's prototype is
 * `Object.prototype` (JSON.parse's objects, the front end's copy, the scanner's fields), so
 * `error` is read without a `hasOwnProperty` call (a builtin call TurboFan does not inline).
 */
export const PLAIN: unique symbol = Symbol("matrix-errors.plain") as never;
/** @internal */
export type Plain = typeof PLAIN;

/**
 * @internal The fourth argument a built-in class's constructor gives the base constructor: the
 * class stores `errcode`, `status` and the state itself, from {@link MADE}. A store in the base
 * constructor sees the instances of every class (88 maps: megamorphic, ~110 instructions each);
 * in a class's own constructor, one map.
 */
export const OWN: unique symbol = Symbol("matrix-errors.own") as never;
/** @internal */
export type Own = typeof OWN;

/**
 * @internal What the base constructor made, read by the built-in class's constructor right after
 * `super()` returns: no other code runs in between, so one record serves every construction.
 */
export const MADE: { errcode: string; status: number | undefined; state: State } = {
  errcode: "",
  status: undefined,
  state: { fields: {}, body: {}, init: undefined, retry: undefined },
};

/** @internal The fields a built-in class's constructor stores (its `readonly` ones, writable here). */
export interface Stored {
  errcode: string;
  status: number | undefined;
  [STATE]: State;
}
