/**
 * Guards that recognise errors of any copy of this package, in any realm.
 *
 * @module
 */

import type { ErrcodeClassMap } from "./errors.gen.js";
import { BRAND, ErrorResponse } from "./errors.js";
import { registry } from "./registry.js";

/**
 * Whether a value is an {@link ErrorResponse}, also one made by another copy of the package or in
 * another realm (an instance of this copy's class, else a `Symbol.for` brand). Never throws.
 */
export function isErrorResponse(value: unknown): value is ErrorResponse {
  try {
    // This copy's own errors first: a prototype walk is cheaper than the brand's megamorphic load.
    if (value instanceof ErrorResponse) return true;
    return typeof value === "object" && value !== null && (value as { [BRAND]?: unknown })[BRAND] === true;
  } catch {
    return false;
  }
}

/**
 * Whether a value is an {@link ErrorResponse} with the given errcode. An unstable alias matches
 * its stable code (`isErrcode(e, "ORG.MATRIX.MSC3823.USER_SUSPENDED")` is true for `M_USER_SUSPENDED`).
 *
 * @example
 * if (isErrcode(err, "M_LIMIT_EXCEEDED")) await sleep(err.retryAfterMs ?? 1000);
 */
export function isErrcode<C extends keyof ErrcodeClassMap>(value: unknown, errcode: C): value is ErrcodeClassMap[C];
export function isErrcode(value: unknown, errcode: string): value is ErrorResponse;
export function isErrcode(value: unknown, errcode: string): boolean {
  if (!isErrorResponse(value)) return false;
  try {
    const actual = value.errcode;
    return actual === errcode || (typeof errcode === "string" && actual === registry.canonical(errcode));
  } catch {
    // A branded object of another copy whose `errcode` getter throws.
    return false;
  }
}
