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

function fits(value: unknown, type: WireField[1]): boolean {
  if (type === "string[]") return Array.isArray(value) && value.every((item) => typeof item === "string");
  return typeof value === type && (type !== "number" || Number.isFinite(value));
}

/**
 * Builds `new cls(body, init)` from camelCase fields. Never throws: a value of the wrong type is
 * not sent (as a decoder would read it as absent), and fields that throw when read are ignored.
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
    const retry = given.retryAfterMs;
    if (typeof retry === "number" && retry >= 0 && Number.isFinite(retry)) body.retry_after_ms = retry;
    for (const prop of Object.keys(wire)) {
      const [key, type] = wire[prop] as WireField;
      const value = given[prop];
      if (fits(value, type)) body[key] = Array.isArray(value) ? [...value] : value;
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
