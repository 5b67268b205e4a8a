/**
 * Building errors by hand (servers): the typed `static create` of every built-in class.
 *
 * @module
 */
import type { Body } from "./body.js";
import type { ErrorInit } from "./errors.js";
import type { HeadersInput } from "./types.js";

/** What every `create` takes besides the class's typed fields. */
export interface CreateOptions {
  /** The HTTP status (default: the code's). */
  status?: number | undefined;
  /** Response headers (a `Retry-After` here wins over `retryAfterMs` when the error is read back). */
  headers?: HeadersInput | undefined;
  /** More wire fields, sent as they are (the class's errcode and typed fields win over them). */
  extra?: Readonly<Record<string, unknown>> | undefined;
  /** Milliseconds to wait before retrying: sent as `retry_after_ms` (and `Retry-After` by `toResponse`). */
  retryAfterMs?: number | undefined;
  /** Why this error happened. */
  cause?: unknown;
}

/** A typed field: its wire key and JSON type. */
export type WireField = readonly [key: string, type: "string" | "boolean" | "number" | "string[]"];

/**
 * Builds `new cls(body, init)` from camelCase fields. Never throws, and drops nothing it is given:
 * a value of the wrong type (from JavaScript) is sent as it is, and reads back as absent, as a
 * decoder reads it. Fields whose getters throw are ignored.
 */
export function create<T>(
  cls: new (body: Body, init?: ErrorInit) => T,
  errcode: string,
  message: unknown,
  fields: unknown,
  wire: Readonly<Record<string, WireField>>,
): T {
  const body: Record<string, unknown> = {};
  const init: ErrorInit = {};
  try {
    const given = (typeof fields === "object" && fields !== null ? fields : {}) as Record<string, unknown>;
    const extra = given.extra;
    if (typeof extra === "object" && extra !== null) Object.assign(body, extra);
    body.errcode = errcode;
    if (typeof message === "string") body.error = message;
    if (given.retryAfterMs !== undefined) body.retry_after_ms = given.retryAfterMs;
    for (const prop of Object.keys(wire)) {
      const key = (wire[prop] as WireField)[0];
      const value = given[prop];
      if (value !== undefined) body[key] = Array.isArray(value) ? [...value] : value;
    }
    init.status = given.status as number | undefined;
    init.headers = given.headers as HeadersInput | undefined;
    if (given.cause !== undefined) init.cause = given.cause;
  } catch {
    // A fields object with throwing getters: what was read so far is used.
  }
  body.errcode = errcode;
  return new cls(body, init);
}
