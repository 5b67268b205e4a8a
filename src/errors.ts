/**
 * The base class of every decoded error.
 *
 * @module
 */
import { type Body, EMPTY, freezeBody, isRecord, own } from "./body.js";
import { defaultStatusOf, isTransient, subErrcodeOf, toJSONOf, toResponseOf, validStatus } from "./encode.js";
import { MADE, OWN, type Own, PLAIN, type Plain } from "./handoff.js";
import { inspectError } from "./inspect.js";
import { lateStack } from "./late-stack.js";
import { parseText } from "./parse.js";
import { retryAfterFrom } from "./retry-after.js";
import { remember, STATE, type State } from "./state.js";
import type { DecodeInit } from "./types.js";

/** What a constructor of an {@link ErrorResponse} class takes besides the body. */
export interface ErrorInit extends DecodeInit {
  /** The canonical errcode, where it differs from `body.errcode` (an unstable alias). */
  errcode?: string | undefined;
  /** The message to use when the body's `error` is not a string. */
  message?: string | undefined;
  /** @internal The body's JSON text when `body` holds only the fields a scanner read. */
  [SOURCE]?: string | undefined;
}

const ObjectPrototype = Object.prototype;

/** The brand that guards check, shared by every copy of the package in any realm. */
export const BRAND: unique symbol = Symbol.for("matrix-errors.ErrorResponse") as never;
/** @internal See {@link ErrorInit}: the text a lazily parsed body comes from. */
export const SOURCE: unique symbol = Symbol("matrix-errors.source") as never;
/**
 * A Matrix error response: `errcode`, `message`, `status`, `retryAfterMs` and the whole `body`.
 * Every decoded value is an instance of a subclass of it.
 *
 * @example
 * const err = LimitExceeded.create("Slow down", { retryAfterMs: 2000 });
 * return err.toResponse(); // 429, Retry-After: 2
 */
export class ErrorResponse extends Error {
  /** The canonical errcode of the class; `undefined` on classes that take it from the body. */
  static readonly errcode: string | undefined = undefined;

  // `declare`d, not initialised: class-field initialisers (symbol keys above all) cost more than
  // the whole JSON.parse of a body, so the constructor assigns every field once.
  /** The canonical errcode (the stable code for a known unstable alias). */
  declare readonly errcode: string;
  /** The HTTP status, when the caller gave it. */
  declare readonly status: number | undefined;
  /** @internal */
  declare [STATE]: State;

  /**
   * @param body The wire body (`errcode`, `error`, extra fields).
   * @param init The HTTP status and headers of the response, and the clock for `Retry-After`.
   */
  constructor(body: Body, init?: ErrorInit);
  /** @internal */
  constructor(body: Body, init: ErrorInit | undefined, plain: Plain | undefined, stores?: Own);
  constructor(body: Body, init?: ErrorInit, plain?: Plain, stores?: Own) {
    const fields = isRecord(body) ? body : EMPTY;
    const status = init === undefined ? undefined : validStatus(init.status);
    const staticCode = (new.target as { errcode?: unknown }).errcode;
    let code: unknown = init !== undefined && typeof init.errcode === "string" ? init.errcode : staticCode;
    // Only classes without a code of their own (custom codes) take it from the body.
    if (typeof code !== "string") code = own(fields, "errcode");
    const errcode = typeof code === "string" ? code : "M_UNKNOWN";
    // Own properties only (a polluted prototype adds nothing). Of a `plain` body a read is of the
    // own field unless Object.prototype has one, which `in` tells without a call (handoff.ts).
    const error = plain === PLAIN && !("error" in ObjectPrototype) ? fields.error : own(fields, "error");
    const message =
      typeof error === "string"
        ? error
        : init !== undefined && typeof init.message === "string"
          ? init.message
          : // No status in it: the message must survive toResponse() and back unchanged.
            `${errcode} (no message from the server)`;
    const cause = init === undefined ? undefined : init.cause;
    super(message, cause === undefined ? undefined : { cause });
    const source = init === undefined ? undefined : init[SOURCE];
    // `init` is kept for `retryAfterMs`, computed on first read: reading a `Headers` costs more than this.
    const state: State = { fields, body: typeof source === "string" ? source : fields, init, retry: undefined };
    // A built-in class stores the fields in its own constructor (see handoff.ts).
    if (stores === OWN) {
      MADE.errcode = errcode;
      MADE.status = status;
      MADE.state = state;
      return;
    }
    this.errcode = errcode;
    this.status = status;
    this[STATE] = state;
  }

  /**
   * The whole wire body, every field, exactly as received. Frozen (with the arrays typed fields
   * read) on first read, so no edit can make a typed getter disagree with it.
   */
  get body(): Body {
    const state = this[STATE];
    let body = state.body;
    // A scanning decoder leaves the text: parsed on first read.
    if (typeof body === "string") {
      body = parseText(body).body ?? EMPTY;
      remember(state, "body", body);
    }
    if (!Object.isFrozen(body)) freezeBody(body);
    return body;
  }

  /**
   * Milliseconds to wait before retrying: the `Retry-After` header (seconds, or an HTTP-date
   * against `init.now`, default the clock at first read) first, then `retry_after_ms`.
   * `undefined` or a finite number ≥ 0.
   */
  get retryAfterMs(): number | undefined {
    const state = this[STATE];
    let ms = state.retry;
    if (ms === undefined) {
      ms = retryAfterFrom(state.fields, state.init) ?? null;
      remember(state, "retry", ms);
    }
    return ms === null ? undefined : ms;
  }

  /**
   * Whether retrying can help: a known errcode decides by itself; `M_UNKNOWN`, custom codes and
   * non-Matrix bodies by the status (408, 429, 500, 502–504, 521–524). Override it to decide yourself.
   */
  get retryable(): boolean {
    return isTransient(this.errcode, this.status);
  }

  /** True for `M_LIMIT_EXCEEDED`, and for `M_UNKNOWN` with HTTP status 429. */
  get isRateLimited(): boolean {
    return this.errcode === "M_LIMIT_EXCEEDED" || (this.status === 429 && this.errcode === "M_UNKNOWN");
  }

  /** True for `M_UNKNOWN_TOKEN` with `soft_logout: true`, and for `M_USER_LOCKED`. */
  get isSoftLogout(): boolean {
    return (
      this.errcode === "M_USER_LOCKED" ||
      (this.errcode === "M_UNKNOWN_TOKEN" && own(this[STATE].fields, "soft_logout") === true)
    );
  }

  /** The more specific code a server puts beside a generic one (MSC3848, MSC4108, MSC4140), canonical. */
  get subErrcode(): string | undefined {
    return subErrcodeOf(this[STATE].fields);
  }

  /**
   * The wire body: lossless, so `decode(x.toJSON())` rebuilds an equal value. A class with an
   * errcode of its own never writes another code.
   */
  toJSON(): Record<string, unknown> {
    return toJSONOf(this);
  }

  /**
   * A web `Response` carrying this error: JSON body, its status (or the code's default), and
   * `Retry-After` in whole seconds when `retryAfterMs` is set. `init` overrides both. Never throws.
   */
  toResponse(init?: ResponseInit): Response {
    return toResponseOf(this, init);
  }

  /** The same as {@link toResponse}: the method Hono's default error handler calls on a thrown error. */
  getResponse(): Response {
    return this.toResponse();
  }

  /** The status `toResponse()` falls back on: the code's default, else 500. */
  protected defaultStatus(): number {
    return defaultStatusOf(this.errcode) ?? 500;
  }
}

/** @internal The status, headers and clock an error was decoded with (for lazily computed fields). */
export function initOf(error: ErrorResponse): ErrorInit | undefined {
  return error[STATE].init;
}

Object.defineProperty(ErrorResponse.prototype, BRAND, { value: true });
// The stack of errors decoded with capture off: what `decodeResponse` captured at its call, if anything.
Object.defineProperty(ErrorResponse.prototype, "stack", lateStack);
// What Node's util.inspect shows: no internal slots, no request headers.
Object.defineProperty(ErrorResponse.prototype, Symbol.for("nodejs.util.inspect.custom"), {
  value: inspectError,
  configurable: true,
  writable: true,
});
// A subclass that does not name itself is named by its constructor (third-party classes);
// the built-in classes name themselves with `named`, so minifiers cannot rename them.
Object.defineProperty(ErrorResponse.prototype, "name", {
  get(this: ErrorResponse): string {
    return this.constructor.name;
  },
  configurable: true,
});
