/**
 * The one place that turns what a parser read into an error: class lookup, the trust rule,
 * construction, and the fallbacks (custom code, throwing constructor, not Matrix at all).
 *
 * @module
 */
import { type Body, EMPTY } from "./body.js";
import type { ErrorResponseClass } from "./builtins.js";
import { CLASS_BY_WIRE } from "./classes.gen.js";
import { CustomErrorResponse } from "./custom.js";
import { BRAND, type ErrorInit, type ErrorResponse, SOURCE } from "./errors.js";
import { PLAIN, type Plain } from "./handoff.js";
import { head } from "./input.js";
import { type NonMatrixReason, NonMatrixResponse } from "./non-matrix.js";
import { parseText } from "./parse.js";
import type { Parsed } from "./parsed.js";
import { classOf, type Registry } from "./registry.js";
import { withStack } from "./stack.js";

// The package's own classes read only errcode, error, retry_after_ms and their typed fields, and
// cannot throw: they take the fields a scanner read, and parse the whole body on first read.
const TRUSTED: ReadonlySet<ErrorResponseClass> = new Set([...CLASS_BY_WIRE, CustomErrorResponse]);
// How the builder calls the package's own classes: with PLAIN, the bodies it gives are plain objects.
type OwnClass = new (body: Body, init: ErrorInit | undefined, plain: Plain) => ErrorResponse;
const toTag = Object.prototype.toString;

/** A {@link NonMatrixResponse} for a reason, with the caller's status, headers and cause. */
export function nonMatrix(
  reason: NonMatrixReason,
  raw: string,
  init: ErrorInit | undefined,
  body?: Body,
): NonMatrixResponse {
  return new NonMatrixResponse(reason, {
    raw,
    body,
    status: init?.status,
    headers: init?.headers,
    now: init?.now,
    cause: init?.cause,
  });
}

/**
 * Builds the error of a parsed body with the classes of `registry`. `init` is the decode's own
 * cleaned copy (`cleanInit`); `capture` says whether stacks are wanted (for what registered
 * constructors throw).
 */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const build = (function build(
  parsed: Parsed,
  init: ErrorInit | undefined,
  registry: Registry,
  capture: boolean,
): ErrorResponse {
  const reason = parsed.reason;
  if (reason !== undefined) return nonMatrix(reason, head(parsed.source), init, parsed.body);
  const wire = parsed.wire;
  const cls = classOf(registry, parsed.errcode, wire) ?? CustomErrorResponse;
  // The common case, small enough for V8 to inline into the decode with the parser: a parsed body
  // of one of the package's classes (string decodes ~1 % faster than with one function). The
  // table's own class of the code is told by one compare (a Set lookup is a builtin call: ~70
  // instructions a decode, bench/instructions.mjs); any other class by the Set.
  const body = parsed.body;
  const own = wire >= 0 && cls === CLASS_BY_WIRE[wire];
  if (body !== undefined && (own || TRUSTED.has(cls))) return new (cls as OwnClass)(body, init, PLAIN);
  return buildOther(parsed, cls, init, registry, capture);
});

/** {@link build} for the rest: a scanner's fields, a class registered by a user. */
function buildOther(
  parsed: Parsed,
  cls: ErrorResponseClass,
  init: ErrorInit | undefined,
  registry: Registry,
  capture: boolean,
): ErrorResponse {
  const { errcode, body } = parsed;
  if (body === undefined && TRUSTED.has(cls)) {
    // The scanner's fields now, the whole body parsed from the text on first read.
    // The shape of `cleanInit`'s copies and the text's slot: the constructor's second init shape.
    const lazy: ErrorInit = init ?? {
      status: undefined,
      headers: undefined,
      now: undefined,
      maxBytes: undefined,
      captureStack: undefined,
      cause: undefined,
    };
    lazy[SOURCE] = parsed.source;
    return new (cls as OwnClass)(parsed.fields, lazy, PLAIN);
  }
  // A class registered by a user may read any field of `body`: it gets the whole parsed body.
  return construct(cls, errcode, body ?? parseText(parsed.source).body ?? EMPTY, init, registry, capture);
}

/** A registered class, guarded: what it throws or a non-error it returns gives a custom error. */
function construct(
  cls: ErrorResponseClass,
  errcode: string,
  body: Body,
  init: ErrorInit | undefined,
  registry: Registry,
  capture: boolean,
): ErrorResponse {
  let classInit = init;
  if (typeof cls.errcode !== "string") {
    const canonical = registry.canonical(errcode);
    if (canonical !== errcode) classInit = { ...init, errcode: canonical };
  }
  try {
    // With the caller's stacks on, what the constructor throws (the result's cause) has a stack.
    const result = capture ? withStack(() => new cls(body, classInit)) : new cls(body, classInit);
    if ((result as { [BRAND]?: unknown })[BRAND] === true && toTag.call(result) === "[object Error]") return result;
    throw new TypeError(`matrix-errors: the class registered for ${errcode} returned a non-ErrorResponse`);
  } catch (cause) {
    return new CustomErrorResponse(body, { ...init, cause });
  }
}
