/**
 * What `console.log(err)` shows in Node (`util.inspect`): the stack, then what a human needs to
 * act on the error. Internal slots and the response's headers (which may carry secrets) never.
 *
 * @module
 */
import type { ErrorResponse } from "./errors.js";

type Inspect = (value: unknown, options?: object) => string;

const SHOWN = ["errcode", "status", "message", "retryAfterMs", "retryable", "subErrcode", "reason", "proxy", "raw"];

/** The custom inspect of every error, installed under `Symbol.for("nodejs.util.inspect.custom")`. */
export function inspectError(this: ErrorResponse, depth: number, options: object, inspect?: Inspect): string {
  let head = "ErrorResponse";
  try {
    head = typeof this.stack === "string" ? this.stack : `${this.name}: ${this.message}`;
    if (typeof inspect !== "function") return head;
    const view: Record<string, unknown> = {};
    for (const key of SHOWN) {
      const value = (this as unknown as Record<string, unknown>)[key];
      if (value !== undefined && !(key === "raw" && value === "")) view[key] = value;
    }
    view.body = this.body;
    if (this.cause !== undefined) view.cause = this.cause;
    return `${head} ${inspect(view, { ...options, depth: Math.max(depth, 0) })}`;
  } catch {
    // A registered class whose getters throw: a log line must not.
    return head;
  }
}
