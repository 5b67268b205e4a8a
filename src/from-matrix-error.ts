/**
 * The adapter for errors the Matrix SDKs throw: matrix-js-sdk's `MatrixError`, `HTTPError` and
 * `ConnectionError`, and matrix-bot-sdk's `MatrixError`. Duck-typed: no dependency on either.
 *
 * @module
 */
import { decode } from "./decode.js";
import type { ErrorResponse } from "./errors.js";
import { isErrorResponse } from "./guards.js";
import { NonMatrixResponse } from "./non-matrix.js";
import type { DecodeInit } from "./types.js";

/** A property, or `undefined` when reading it throws (a getter, a Proxy trap). */
function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The caller's options with `undefined` fields left out, so they never hide what the error carries. */
function given(options: DecodeInit | undefined): DecodeInit {
  const out: Record<string, unknown> = {};
  if (typeof options !== "object" || options === null) return out;
  for (const key of ["status", "headers", "now", "maxBytes", "captureStack"]) {
    const value = read(options, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

// matrix-js-sdk's parseErrorResponse keeps a text/plain body only inside the message.
const PLAIN_BODY = /^Server returned \d+ error: /;

function isJsonType(headers: unknown): boolean {
  if (typeof headers !== "object" || headers === null) return false;
  const get = read(headers, "get");
  if (typeof get !== "function") return false;
  const type: unknown = get.call(headers, "content-type");
  return typeof type === "string" && /^\s*application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i.test(type);
}

function convert(e: unknown, options: DecodeInit | undefined): ErrorResponse {
  const init: DecodeInit = { cause: e };
  if (typeof e === "object" && e !== null) {
    // matrix-js-sdk MatrixError: the parsed body in `data`, beside `httpStatus` and `httpHeaders`.
    const data = read(e, "data");
    const httpStatus = read(e, "httpStatus");
    const httpHeaders = read(e, "httpHeaders");
    if (isRecord(data) && (typeof httpStatus === "number" || httpStatus === undefined)) {
      return decode(data, { ...init, status: httpStatus, headers: httpHeaders, ...given(options) } as DecodeInit);
    }
    // matrix-bot-sdk MatrixError: `body` and `statusCode`; the headers are gone, but a
    // Retry-After it read survives as `retryAfterMs` where it differs from `retry_after_ms`.
    const body = read(e, "body");
    const statusCode = read(e, "statusCode");
    if (isRecord(body) && typeof statusCode === "number") {
      const ms = read(e, "retryAfterMs");
      const fromHeader = typeof ms === "number" && Number.isFinite(ms) && ms !== body.retry_after_ms;
      const headers = fromHeader ? { "retry-after": String(Math.max(0, Math.ceil(ms / 1000))) } : undefined;
      return decode(body, { ...init, status: statusCode, headers, ...given(options) } as DecodeInit);
    }
    // matrix-js-sdk HTTPError: a response that was not a Matrix error; its body is gone unless
    // it was text/plain (then it is the end of the message).
    if (typeof httpStatus === "number") {
      const at = { ...init, status: httpStatus, headers: httpHeaders, ...given(options) } as DecodeInit;
      const message = read(e, "message");
      if (typeof message === "string" && PLAIN_BODY.test(message)) return decode(message.replace(PLAIN_BODY, ""), at);
      return new NonMatrixResponse(isJsonType(httpHeaders) ? "empty" : "not_json", at);
    }
  }
  // matrix-js-sdk ConnectionError (no response at all), and anything else: nothing was read.
  return new NonMatrixResponse("unreadable", { ...init, ...given(options) });
}

/**
 * An {@link ErrorResponse} from an error a Matrix SDK threw: matrix-js-sdk's `MatrixError` (its
 * `data`, `httpStatus`, `httpHeaders`), `HTTPError` (a `NonMatrixResponse` with its status and
 * headers) or `ConnectionError` (a `NonMatrixResponse`, reason `unreadable`), or matrix-bot-sdk's
 * `MatrixError` (`body`, `statusCode`). Anything else gives a `NonMatrixResponse` with reason
 * `unreadable`; an `ErrorResponse` is returned as it is. The result's `cause` is `e`; defined
 * fields of `options` win over what `e` carries. Never throws.
 *
 * @example
 * try { await client.sendMessage(roomId, content); }
 * catch (e) { const err = fromMatrixError(e); if (err.retryable) await sleep(err.retryAfterMs ?? 1000); }
 */
export function fromMatrixError(e: unknown, options?: DecodeInit): ErrorResponse {
  if (isErrorResponse(e)) return e;
  let result: ErrorResponse;
  try {
    result = convert(e, options);
  } catch {
    result = new NonMatrixResponse("unreadable", { cause: e });
  }
  // A registered class's constructor may not pass `cause` on; the contract says it is `e`.
  if (result.cause !== e) {
    Object.defineProperty(result, "cause", { value: e, writable: true, configurable: true });
  }
  return result;
}
