/**
 * What an error sends: its wire body and its `Response`, and the table's defaults they fall back
 * on. Never throws: a status a `Response` cannot carry falls back to the code's default, and a
 * body that cannot be serialised is answered from the decoded fields.
 *
 * @module
 */
import { type Body, own } from "./body.js";
import { CANONICAL, RETRYABLE, STATUSES, WIRE_CODES, wireIndex } from "./dispatch.gen.js";
import type { ErrorResponse } from "./errors.js";

// RFC 9111 §1.2.2: the largest delta-seconds a recipient must accept; larger waits are sent as it.
const MAX_DELAY_SECONDS = 2_147_483_648;
const TRANSIENT_STATUSES: ReadonlySet<number | undefined> = new Set([408, 429, 500, 502, 503, 504, 521, 522, 523, 524]);

const SUB_ERRCODE_KEYS = [
  "org.matrix.msc3848.unstable.errcode",
  "org.matrix.msc4108.errcode",
  "org.matrix.msc4140.errcode",
];

/** An HTTP status the caller gave: an integer from 100 to 599, else ignored. */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const validStatus = (function validStatus(status: unknown): number | undefined {
  return typeof status === "number" && status >= 100 && status <= 599 && Number.isInteger(status) ? status : undefined;
});

/** The first non-empty sub-errcode of a body, as its canonical code when it is a known alias. */
export function subErrcodeOf(fields: Body): string | undefined {
  for (const key of SUB_ERRCODE_KEYS) {
    const code = own(fields, key);
    if (typeof code === "string" && code !== "") return canonicalOf(code);
  }
  return undefined;
}

/** The default HTTP status of a known errcode or alias. */
export function defaultStatusOf(errcode: string): number | undefined {
  const wire = wireIndex(errcode);
  return wire < 0 ? undefined : STATUSES[wire];
}

/** `retryable` of the table for a known errcode other than `M_UNKNOWN`, else by the status. */
export function isTransient(errcode: string, status: number | undefined): boolean {
  const wire = errcode === "M_UNKNOWN" ? -1 : wireIndex(errcode);
  return wire < 0 ? TRANSIENT_STATUSES.has(status) : RETRYABLE[wire] === 1;
}

/** The canonical code of a known errcode or alias; any other code as it is. */
function canonicalOf(errcode: string): string {
  const wire = wireIndex(errcode);
  return wire < 0 ? errcode : (WIRE_CODES[CANONICAL[wire] as number] as string);
}

/** The wire body; a class with an errcode of its own writes that code (or an alias of it). */
export function toJSONOf(error: ErrorResponse): Record<string, unknown> {
  const body = error.body;
  const wire = own(body, "errcode");
  const fixed = (error.constructor as { errcode?: unknown }).errcode;
  const out: Record<string, unknown> = { ...body };
  if (typeof wire !== "string" || (typeof fixed === "string" && wire !== fixed && canonicalOf(wire) !== fixed)) {
    out.errcode = error.errcode;
  }
  return out;
}

function sendable(status: unknown): number | undefined {
  // A Response carries 200-599, and no body with 204, 205 and 304.
  return typeof status === "number" &&
    Number.isInteger(status) &&
    status >= 200 &&
    status <= 599 &&
    status !== 204 &&
    status !== 205 &&
    status !== 304
    ? status
    : undefined;
}

function serialise(error: ErrorResponse, status: number, retryAfterMs: number | undefined): string {
  try {
    const wire = error.toJSON();
    // An own toJSON would send what the decoded error does not show.
    if (typeof own(wire, "toJSON") !== "function") {
      if (status === 429 && retryAfterMs !== undefined && typeof own(wire, "retry_after_ms") !== "number") {
        wire.retry_after_ms = retryAfterMs;
      }
      const text = JSON.stringify(wire);
      if (typeof text === "string") return text;
    }
  } catch {
    // BigInt, cycles, throwing getters: answered from the decoded fields below.
  }
  const fields: Record<string, unknown> = { errcode: error.errcode, error: error.message };
  if (retryAfterMs !== undefined && status === 429) fields.retry_after_ms = retryAfterMs;
  return JSON.stringify(fields);
}

function headersOf(retryAfterMs: number | undefined, extra: HeadersInit | undefined): Headers {
  const headers = new Headers({ "content-type": "application/json" });
  if (retryAfterMs !== undefined) {
    headers.set("retry-after", String(Math.min(Math.ceil(retryAfterMs / 1000), MAX_DELAY_SECONDS)));
    // Browser clients on another origin can only read the headers they are told they may.
    headers.set("access-control-expose-headers", "Retry-After");
  }
  if (extra !== undefined) {
    try {
      new Headers(extra).forEach((value, key) => {
        headers.set(key, value);
      });
    } catch {
      // Headers that cannot be headers are ignored, as bad init values are everywhere.
    }
  }
  return headers;
}

/** The `Response` of an error: its status (or the code's default), JSON body, `Retry-After`. */
export function toResponseOf(error: ErrorResponse, init: ResponseInit | undefined): Response {
  try {
    return responseOf(error, init);
  } catch {
    // Only a registered class whose own getters throw gets here.
    const body = JSON.stringify({ errcode: "M_UNKNOWN", error: "The error could not be serialised" });
    return new Response(body, { status: 500, headers: { "content-type": "application/json" } });
  }
}

function responseOf(error: ErrorResponse, init: ResponseInit | undefined): Response {
  const given = typeof init === "object" && init !== null ? init : undefined;
  const retryAfterMs = error.retryAfterMs;
  const status = sendable(given?.status) ?? sendable(error.status) ?? sendable(error["defaultStatus"]()) ?? 500;
  const body = serialise(error, status, retryAfterMs);
  const headers = headersOf(retryAfterMs, given?.headers);
  const statusText = given?.statusText;
  try {
    return new Response(body, typeof statusText === "string" ? { status, statusText, headers } : { status, headers });
  } catch {
    // A statusText a Response refuses.
    return new Response(body, { status, headers });
  }
}
