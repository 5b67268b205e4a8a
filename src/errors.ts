/**
 * The base class of every decoded error, and the two classes that are not errcodes.
 *
 * @module
 */
import { CODES } from "./codes.js";
import { retryAfterFrom } from "./retry-after.js";
import type { DecodeInit } from "./types.js";

/** A wire body: every field as received. */
export type Body = Readonly<Record<string, unknown>>;

/** What a constructor of an {@link ErrorResponse} class takes besides the body. */
export interface ErrorInit extends DecodeInit {
  /** The canonical errcode, where it differs from `body.errcode` (an unstable alias). */
  errcode?: string;
  /** The message to use when the body's `error` is not a string. */
  message?: string;
  /** Why this error happened (set when a registered constructor threw). */
  cause?: unknown;
}

/** The brand that guards check, shared by every copy of the package in any realm. */
export const BRAND: unique symbol = Symbol.for("matrix-errors.ErrorResponse") as never;
/** @internal The record typed getters read: the body, or the fields the WASM scanner extracted. */
export const FIELDS: unique symbol = Symbol("matrix-errors.fields") as never;
/** @internal The body, or the text/bytes it is parsed from on first read (WASM decoder). */
export const SOURCE: unique symbol = Symbol("matrix-errors.source") as never;
const INIT: unique symbol = Symbol("matrix-errors.init") as never;
const RETRY: unique symbol = Symbol("matrix-errors.retry") as never;

const EMPTY: Body = Object.freeze({});
const utf8 = /* @__PURE__ */ new TextDecoder();

/** An HTTP status the caller gave: an integer from 100 to 599, else ignored. */
export function validStatus(status: unknown): number | undefined {
  return typeof status === "number" && status >= 100 && status <= 599 && Number.isInteger(status) ? status : undefined;
}

function isRecord(value: unknown): value is Body {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A Matrix error response: `errcode`, `message`, `status`, `retryAfterMs` and the whole `body`.
 * Every decoded value is an instance of a subclass of it.
 *
 * @example
 * const err = new LimitExceeded({ errcode: "M_LIMIT_EXCEEDED", error: "Slow down", retry_after_ms: 2000 });
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
  declare [FIELDS]: Body;
  /** @internal What `retryAfterMs` is computed from on first read: the status, headers and clock. */
  declare [INIT]: ErrorInit | undefined;
  /** @internal `retryAfterMs` once computed (`null` for none). */
  declare [RETRY]: number | null | undefined;
  /** @internal */
  declare [SOURCE]: Body | string | Uint8Array;

  /**
   * @param body The wire body (`errcode`, `error`, extra fields).
   * @param init The HTTP status and headers of the response, and the clock for `Retry-After`.
   */
  constructor(body: Body, init?: ErrorInit) {
    const fields = isRecord(body) ? body : EMPTY;
    const status = init === undefined ? undefined : validStatus(init.status);
    const staticCode = (new.target as { errcode?: unknown }).errcode;
    const errcode =
      init !== undefined && typeof init.errcode === "string"
        ? init.errcode
        : typeof staticCode === "string"
          ? staticCode
          : typeof fields.errcode === "string"
            ? fields.errcode
            : "M_UNKNOWN";
    const error = fields.error;
    const message =
      typeof error === "string"
        ? error
        : init !== undefined && typeof init.message === "string"
          ? init.message
          : // No status in it: the message must survive toResponse() and back unchanged.
            `${errcode} (no message from the server)`;
    const cause = init === undefined ? undefined : init.cause;
    super(message, cause === undefined ? undefined : { cause });
    this.errcode = errcode;
    this.status = status;
    // Kept for `retryAfterMs`, computed on first read: reading a `Headers` costs more than the
    // rest of the constructor, and most errors are never asked how long to wait.
    this[INIT] = init;
    this[FIELDS] = fields;
    this[SOURCE] = fields;
  }

  /** The whole wire body, every field, unknown ones included, exactly as received. */
  get body(): Body {
    const source = this[SOURCE];
    if (typeof source === "string" || source instanceof Uint8Array) {
      // Decoders that scan instead of parsing leave the text here; parse it on first read.
      const text = typeof source === "string" ? source : utf8.decode(source);
      const parsed: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
      const body = isRecord(parsed) ? parsed : EMPTY;
      this[SOURCE] = body;
      return body;
    }
    return source;
  }

  /**
   * Milliseconds to wait before retrying: the `Retry-After` header (seconds, or an HTTP-date
   * against `init.now`, default the clock at first read) first, then `retry_after_ms`.
   * `undefined` or a finite number ≥ 0.
   */
  get retryAfterMs(): number | undefined {
    let ms = this[RETRY];
    if (ms === undefined) {
      ms = retryAfterFrom(this[FIELDS], this[INIT]) ?? null;
      this[RETRY] = ms;
    }
    return ms === null ? undefined : ms;
  }

  /** True for `M_LIMIT_EXCEEDED`, and for `M_UNKNOWN` with HTTP status 429. */
  get isRateLimited(): boolean {
    return this.errcode === "M_LIMIT_EXCEEDED" || (this.status === 429 && this.errcode === "M_UNKNOWN");
  }

  /**
   * Whether retrying can help. A known errcode decides by itself; `M_UNKNOWN`, custom codes and
   * non-Matrix bodies are decided by the HTTP status. A registered class may override this getter.
   */
  get retryable(): boolean {
    return retryableOf(this.errcode, this.status);
  }

  /** True for `M_UNKNOWN_TOKEN` with `soft_logout: true`, and for `M_USER_LOCKED`. */
  get isSoftLogout(): boolean {
    return (
      this.errcode === "M_USER_LOCKED" || (this.errcode === "M_UNKNOWN_TOKEN" && this[FIELDS].soft_logout === true)
    );
  }

  /** The wire body: lossless, so `decode(x.toJSON())` rebuilds an equal value. */
  toJSON(): Record<string, unknown> {
    const body = this.body;
    return typeof body.errcode === "string" ? { ...body } : { ...body, errcode: this.errcode };
  }

  /**
   * A web `Response` carrying this error: JSON body, its status (or the code's default),
   * and `Retry-After` in whole seconds when `retryAfterMs` is set. `init` overrides both.
   */
  toResponse(init?: ResponseInit): Response {
    const headers = new Headers({ "content-type": "application/json" });
    if (this.retryAfterMs !== undefined) {
      headers.set("retry-after", String(Math.ceil(this.retryAfterMs / 1000)));
    }
    if (init?.headers !== undefined) {
      new Headers(init.headers).forEach((value, key) => {
        headers.set(key, value);
      });
    }
    const status = validStatus(init?.status) ?? responseStatus(this);
    return new Response(JSON.stringify(this.toJSON()), { ...init, status, headers });
  }

  /** The same as {@link toResponse}: the method Hono's default error handler calls on a thrown error. */
  getResponse(): Response {
    return this.toResponse();
  }

  /** @internal The status `toResponse()` falls back on. */
  protected defaultStatus(): number {
    return defaultStatusOf(this.errcode) ?? 500;
  }
}

Object.defineProperty(ErrorResponse.prototype, BRAND, { value: true });
// A subclass that does not name itself is named by its constructor (third-party classes);
// the built-in classes name themselves with `named`, so minifiers cannot rename them.
Object.defineProperty(ErrorResponse.prototype, "name", {
  get(this: ErrorResponse): string {
    return this.constructor.name;
  },
  configurable: true,
});

/** @internal Gives a class a fixed `name`, whatever a minifier does to its identifier. */
export function named(cls: { prototype: ErrorResponse }, name: string): void {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}

function responseStatus(error: ErrorResponse): number {
  const status = error.status;
  // A Response must carry 200-599; a 1xx the caller gave cannot be sent back.
  return status !== undefined && status >= 200 ? status : error["defaultStatus"]();
}

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  "M_LIMIT_EXCEEDED",
  "M_NOT_YET_UPLOADED",
  "M_CONNECTION_TIMEOUT",
  "M_CONNECTION_FAILED",
]);
const TRANSIENT_STATUSES: ReadonlySet<number | undefined> = new Set([408, 429, 500, 502, 503, 504, 521, 522, 523, 524]);

function retryableOf(errcode: string, status: number | undefined): boolean {
  if (TRANSIENT_CODES.has(errcode)) return true;
  if (errcode !== "M_UNKNOWN" && defaultStatusOf(errcode) !== undefined) return false;
  return TRANSIENT_STATUSES.has(status);
}

let defaultStatuses: Map<string, number> | undefined;

function defaultStatusOf(errcode: string): number | undefined {
  // Built on first use: decoding never needs it, only servers calling toResponse().
  defaultStatuses ??= new Map(CODES.map((row) => [row.errcode, row.status]));
  return defaultStatuses.get(errcode);
}

/** An errcode no registry knows. `errcode` is the wire code, verbatim; every field is in `body`. */
export class CustomErrorResponse extends ErrorResponse {
  // Explicit: Node 20's V8 runs an implicit derived constructor as `super(...args)`.
  constructor(body: Body, init?: ErrorInit) {
    super(body, init);
  }
}
named(CustomErrorResponse, "CustomErrorResponse");

/** Why a body is not a Matrix error. */
export type NonMatrixReason = "empty" | "not_json" | "not_object" | "missing_errcode" | "too_large" | "unreadable";

/** What {@link NonMatrixResponse} takes besides the reason. */
export interface NonMatrixInit extends DecodeInit {
  /** The body text, cut to 1 KiB. */
  raw?: string;
  /** The parsed body (for `missing_errcode`). */
  body?: Body;
}

const REASON_TEXT: Record<NonMatrixReason, string> = {
  empty: "the body is empty",
  not_json: "the body is not JSON",
  not_object: "the body is not a JSON object",
  missing_errcode: "the body has no string errcode",
  too_large: "the body is over the size limit",
  unreadable: "the body could not be read",
};

/**
 * A response whose body is not a Matrix error (HTML from a proxy, broken JSON, …).
 * `errcode` is `M_UNKNOWN`: the spec says to trust the HTTP status then.
 */
export class NonMatrixResponse extends ErrorResponse {
  declare readonly errcode: "M_UNKNOWN";
  /** Why the body is not a Matrix error. */
  declare readonly reason: NonMatrixReason;
  /** The body text, at most 1 KiB. */
  declare readonly raw: string;

  constructor(reason: NonMatrixReason, init?: NonMatrixInit) {
    const body = init?.body !== undefined && reason === "missing_errcode" ? init.body : EMPTY;
    const status = validStatus(init?.status);
    const message = `Not a Matrix error response: ${REASON_TEXT[reason] ?? reason}${status === undefined ? "" : ` (HTTP ${status})`}`;
    super(body, {
      status: init?.status,
      headers: init?.headers,
      now: init?.now,
      errcode: "M_UNKNOWN",
      message,
    });
    this.reason = reason;
    this.raw = typeof init?.raw === "string" ? init.raw : "";
  }

  override toJSON(): Record<string, unknown> {
    return { errcode: "M_UNKNOWN", error: this.message };
  }

  protected override defaultStatus(): number {
    // Something upstream answered with what is not a Matrix error: a gateway problem.
    return 502;
  }
}
named(NonMatrixResponse, "NonMatrixResponse");
