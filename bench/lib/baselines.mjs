// The baselines written for the bench: the floors, a naive decoder as an app would write it, and a
// plain-object decoder that does what matrix-errors does except constructing an Error.
import { CODES, me } from "./libs.mjs";

export { naive, naiveNoStack, naiveObject, naiveObjectNoStack } from "./naive.mjs";

const utf8 = new TextDecoder();

/** Floor for strings: `JSON.parse` alone. */
export function floorString(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Floor for bytes: `TextDecoder` then `JSON.parse` (what `Response.json()` does). */
export function floorBytes(bytes) {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    return undefined;
  }
}

// --- plain object: the same information as matrix-errors' result (class, canonical errcode, message,
// status, Retry-After header then retry_after_ms, body), as a plain object instead of an Error.
const CLASS_OF = new Map();
for (const row of CODES) {
  const info = { name: row.name, errcode: row.errcode };
  CLASS_OF.set(row.errcode, info);
  for (const alias of row.aliases ?? []) CLASS_OF.set(alias, info);
}
const MAX = 65_536;

function headerValue(headers, name) {
  if (headers === undefined || headers === null) return undefined;
  if (typeof headers.get === "function") return headers.get(name) ?? undefined;
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [k, v] of pairs) if (typeof k === "string" && k.toLowerCase() === name) return v;
  return undefined;
}

function retryAfter(body, init) {
  const header = headerValue(init?.headers, "retry-after");
  if (header !== undefined) {
    const ms = me.parseRetryAfter(header, typeof init.now === "number" ? init.now : Date.now());
    if (ms !== undefined) return ms;
  }
  const ms = body?.retry_after_ms;
  return typeof ms === "number" && ms >= 0 && ms !== Number.POSITIVE_INFINITY ? ms + 0 : undefined;
}

function validStatus(status) {
  return typeof status === "number" && status >= 100 && status <= 599 && Number.isInteger(status) ? status : undefined;
}

function plainNonMatrix(reason, init, text) {
  return {
    name: "NonMatrixResponse",
    errcode: "M_UNKNOWN",
    reason,
    message: `Not a Matrix error response (${reason})`,
    status: validStatus(init?.status),
    retryAfterMs: retryAfter(undefined, init),
    raw: text.length > 1024 ? text.slice(0, 1024) : text,
  };
}

/** Plain-object decode of a body text with `{ status, headers, now }`. */
export function plain(text, init) {
  if (text.length > MAX) return plainNonMatrix("too_large", init, text);
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.length === 0) return plainNonMatrix("empty", init, t);
  let body;
  try {
    body = JSON.parse(t);
  } catch {
    return plainNonMatrix("not_json", init, t);
  }
  return plainObject(body, init, t);
}

export function plainObject(body, init, text = "") {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return plainNonMatrix("not_object", init, text);
  const wire = body.errcode;
  if (typeof wire !== "string") return plainNonMatrix("missing_errcode", init, text);
  const info = CLASS_OF.get(wire);
  const errcode = info === undefined ? wire : info.errcode;
  const error = body.error;
  return {
    name: info === undefined ? "CustomErrorResponse" : info.name,
    errcode,
    message: typeof error === "string" ? error : `${errcode} (no message from the server)`,
    status: validStatus(init?.status),
    retryAfterMs: retryAfter(body, init),
    body,
  };
}

/** Plain-object decode with stack capture off around it (the SyntaxError of a broken body), as the hot path. */
export function plainNoStack(text, init) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = undefined;
  try {
    return plain(text, init);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Plain-object decode of bytes. */
export function plainBytes(bytes, init) {
  if (bytes.byteLength > MAX) return plainNonMatrix("too_large", init, "");
  return plain(utf8.decode(bytes), init);
}
