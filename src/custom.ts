/**
 * The class of an errcode no registry knows.
 *
 * @module
 */
import type { Body } from "./body.js";
import { type ErrorInit, ErrorResponse } from "./errors.js";
import { MADE, named, OWN, type Plain, type Stored } from "./handoff.js";
import { STATE } from "./state.js";

/**
 * An errcode no registry knows. `errcode` is the wire code, verbatim; every field is in `body`;
 * `retryable` is decided by the HTTP status, as for `M_UNKNOWN`.
 *
 * @example
 * const err = decode('{"errcode":"COM.EXAMPLE.QUOTA","error":"Over quota","quota":5}', { status: 507 });
 * err instanceof CustomErrorResponse; // true
 * err.errcode; // "COM.EXAMPLE.QUOTA"
 * err.body.quota; // 5
 */
export class CustomErrorResponse extends ErrorResponse {
  // Explicit: Node 20's V8 runs an implicit derived constructor as `super(...args)`.
  constructor(body: Body, init?: ErrorInit);
  /** @internal */
  constructor(body: Body, init: ErrorInit | undefined, plain: Plain | undefined);
  constructor(body: Body, init?: ErrorInit, plain?: Plain) {
    super(body, init, plain, OWN);
    // Stored here, not in the base constructor: one map (see handoff.ts).
    (this as unknown as Stored).errcode = MADE.errcode;
    (this as unknown as Stored).status = MADE.status;
    (this as unknown as Stored)[STATE] = MADE.state;
  }
}
named(CustomErrorResponse, "CustomErrorResponse");
