/**
 * What `register` and `alias` accept: errcodes of 1–255 characters of `A-Z 0-9 _ .`, and classes
 * that are `ErrorResponse` subclasses (of any copy of the package, in any realm), never a
 * `NonMatrixResponse`. Each refusal is a `TypeError` that names the problem.
 *
 * @module
 */
import type { ErrorResponseClass } from "./builtins.js";
import { BRAND, ErrorResponse } from "./errors.js";
import { NON_MATRIX } from "./non-matrix.js";

const VALID_ERRCODE = /^[A-Z0-9_.]{1,255}$/;

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  return value === null ? "null" : typeof value;
}

/** Throws a `TypeError` unless `errcode` is 1–255 characters of `A-Z 0-9 _ .`. */
export function checkErrcode(errcode: unknown, what: string): asserts errcode is string {
  if (typeof errcode !== "string" || !VALID_ERRCODE.test(errcode)) {
    throw new TypeError(
      `matrix-errors: ${what} must be 1 to 255 characters of A-Z, 0-9, "_" and ".", got ${describe(errcode)}`,
    );
  }
}

/** Throws a `TypeError` unless `ctor` is a registrable class for `errcode`. */
export function checkClass(ctor: unknown, errcode: string): asserts ctor is ErrorResponseClass {
  const proto = typeof ctor === "function" ? (ctor as { prototype?: unknown }).prototype : undefined;
  let ok = false;
  try {
    const branded = typeof proto === "object" && proto !== null && (proto as { [BRAND]?: unknown })[BRAND] === true;
    // An Error of this realm or another, of this copy or another, and not a NonMatrixResponse of any copy.
    ok =
      branded &&
      ctor !== ErrorResponse &&
      (proto as { [NON_MATRIX]?: unknown })[NON_MATRIX] !== true &&
      isErrorProto(proto);
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new TypeError(
      `matrix-errors: the class registered for ${errcode} must be a subclass of ErrorResponse, got ${describe(ctor)}`,
    );
  }
  const own = (ctor as { errcode?: unknown }).errcode;
  if (own !== undefined && own !== errcode) {
    throw new TypeError(
      `matrix-errors: class ${(ctor as { name: string }).name} has static errcode ${describe(own)}; register it under that code (or alias ${errcode} to it)`,
    );
  }
}

// Whether an Error.prototype (of this realm or another) is on the chain: a class that is branded
// but does not extend Error would decode into a value that is not an Error.
function isErrorProto(proto: object): boolean {
  for (let p: object | null = proto; p !== null; p = Object.getPrototypeOf(p)) {
    if (!Object.hasOwn(p, "constructor")) continue;
    const ctor = (p as { constructor: unknown }).constructor;
    if (typeof ctor === "function" && ctor.name === "Error" && ctor.prototype === p) return true;
  }
  return false;
}
