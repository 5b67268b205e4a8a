// A prototype, not shipped: the TS hot path with the changes the profile suggests, to see how close
// to the JSON.parse floor a decoder that still returns a real Error subclass per errcode can get.
//   1. `retryAfterMs` is computed on first read (a getter), so the Retry-After header is not read
//      from a `Headers` on every decode;
//   2. one lean base class (`super(message)` and four own fields), per-code subclasses;
//   3. the generated length + character dispatch instead of Map.get;
//   4. stack capture off around the whole decode, as captureStack: false does today.
// Same information as the library: class per code (aliases → canonical), errcode, message, status,
// retryAfterMs (header first, then retry_after_ms), body; reasons for non-Matrix bodies.
import { CODES, me, shipped } from "./libs.mjs";

const MAX = 65_536;

function validStatus(status) {
  return typeof status === "number" && status >= 100 && status <= 599 && Number.isInteger(status) ? status : undefined;
}

function headerValue(headers, name) {
  if (headers === undefined || headers === null) return undefined;
  if (typeof headers.get === "function") return headers.get(name) ?? undefined;
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const [k, v] of pairs) if (typeof k === "string" && k.toLowerCase() === name) return v;
  return undefined;
}

class LeanError extends Error {
  constructor(message, errcode, status, body, init) {
    super(message);
    this.errcode = errcode;
    this.status = status;
    this.body = body;
    this.init = init;
  }

  // Read once, on demand: most errors are never asked how long to wait.
  get retryAfterMs() {
    const init = this.init;
    const header = headerValue(init?.headers, "retry-after");
    let value;
    if (header !== undefined) value = me.parseRetryAfter(header, typeof init.now === "number" ? init.now : Date.now());
    if (value === undefined) {
      const ms = this.body.retry_after_ms;
      value = typeof ms === "number" && ms >= 0 && ms !== Number.POSITIVE_INFINITY ? ms + 0 : undefined;
    }
    Object.defineProperty(this, "retryAfterMs", { value, enumerable: true });
    return value;
  }
}

class LeanCustom extends LeanError {}
class LeanNonMatrix extends LeanError {
  constructor(reason, init) {
    super(`Not a Matrix error response (${reason})`, "M_UNKNOWN", validStatus(init?.status), {}, init);
    this.reason = reason;
  }
}
Object.defineProperty(LeanCustom, "name", { value: "CustomErrorResponse" });
Object.defineProperty(LeanNonMatrix, "name", { value: "NonMatrixResponse" });

const byName = new Map();
for (const row of CODES) {
  const cls = class extends LeanError {};
  Object.defineProperty(cls, "name", { value: row.name });
  cls.errcode = row.errcode;
  byName.set(row.name, cls);
}
// The shipped dispatch (src/dispatch.gen.ts) over this prototype's classes.
const byWire = shipped.WIRE_CODES.map((code) => byName.get(me.registry.get(code).prototype.name));
const classOf = (code) => {
  const i = shipped.wireIndex(code);
  return i >= 0 ? byWire[i] : undefined;
};

function decodeText(text, init) {
  if (text.length > MAX) return new LeanNonMatrix("too_large", init);
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.length === 0) return new LeanNonMatrix("empty", init);
  let body;
  try {
    body = JSON.parse(t);
  } catch {
    return new LeanNonMatrix("not_json", init);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return new LeanNonMatrix("not_object", init);
  const wire = body.errcode;
  if (typeof wire !== "string") return new LeanNonMatrix("missing_errcode", init);
  const Cls = classOf(wire) ?? LeanCustom;
  const errcode = Cls === LeanCustom ? wire : Cls.errcode;
  const error = body.error;
  const message = typeof error === "string" ? error : `${errcode} (no message from the server)`;
  return new Cls(message, errcode, validStatus(init?.status), body, init);
}

/** The prototype's hot path: stack capture off around the decode. */
export function leanDecode(text, init) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = undefined;
  try {
    return decodeText(text, init);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
