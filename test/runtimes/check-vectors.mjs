// The shared vectors, checked inside any JavaScript runtime (workerd, Deno, Bun): every case, in
// every input form it lists, through the TypeScript and the WASM decoder. Each result must meet
// the case's `expect`, and the WASM result must equal the TypeScript one field by field. Plain
// JavaScript with no imports (the caller passes the package's functions in), so each runtime
// loads the same file as it is.

/** @param {string} text */
function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The input forms of a case, as test/helpers/vectors.ts picks them. */
export function formsOf(c) {
  if (c.inputs) return c.inputs;
  return c.body !== null && isJson(c.body) ? ["string", "bytes", "object"] : ["string", "bytes"];
}

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** One input form of a case: a string, bytes, or the parsed object. */
export function inputOf(c, form) {
  const bytes = c.bytesHex !== undefined ? hexToBytes(c.bytesHex) : new TextEncoder().encode(c.body ?? "");
  if (form === "bytes") return bytes;
  const text = c.body ?? new TextDecoder().decode(bytes);
  return form === "string" ? text : JSON.parse(text);
}

/** The decode options a case gives. */
export const initOf = (c) => ({ status: c.status, headers: c.headers, now: c.now });

/** A value as text for a mismatch message. */
export function show(value) {
  if (value === undefined) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Structural equality of JSON-like values (own keys, same prototypes). */
export function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
}

// `expect` keys that are not a field of the result compared as they are.
const SPECIAL = new Set(["class", "bodyErrcode", "bodyField", "messageNonEmpty", "noPollution", "rawStartsWith"]);

/**
 * Each way `result` misses the case's `expect`, as messages (none: it meets it).
 * @param {any} result a decoded error
 * @param {{ expect: Record<string, unknown> }} c a vector case
 * @returns {string[]}
 */
export function expectMisses(result, c) {
  const e = c.expect;
  const misses = [];
  const same = (got, want, what) => {
    if (!deepEqual(got, want)) misses.push(`${what}: got ${show(got)}, want ${show(want)}`);
  };
  same(result.name, e.class, "class");
  same(result.constructor?.name, e.class, "constructor name");
  for (const [key, want] of Object.entries(e)) {
    if (!SPECIAL.has(key)) same(result[key], want === null ? undefined : want, key);
  }
  if ("bodyErrcode" in e) same(result.body?.errcode, e.bodyErrcode, "body.errcode");
  if (Array.isArray(e.bodyField)) same(result.body?.[e.bodyField[0]], e.bodyField[1], "body field");
  if (e.messageNonEmpty === true && !(result.message.length > 0)) misses.push("empty message");
  if (e.noPollution === true && {}.polluted !== undefined) misses.push("Object.prototype polluted");
  if (e.noPollution === true && Object.getPrototypeOf(result.body) !== Object.prototype) misses.push("body prototype");
  if (typeof e.rawStartsWith === "string" && !String(result.raw).startsWith(e.rawStartsWith)) misses.push("raw");
  return misses;
}

/** Each way the WASM result differs from the TypeScript one: class, every public field, body, wire form. */
function agreeMisses(ts, wasm, fields) {
  if (Object.getPrototypeOf(ts) !== Object.getPrototypeOf(wasm)) return [`class: wasm ${wasm.name}, ts ${ts.name}`];
  const misses = [];
  for (const key of fields) {
    if (!deepEqual(wasm[key], ts[key])) misses.push(`wasm ${key}: ${show(wasm[key])}, ts ${show(ts[key])}`);
  }
  if (!deepEqual(wasm.body, ts.body)) misses.push(`wasm body: ${show(wasm.body)}, ts ${show(ts.body)}`);
  if (!deepEqual(wasm.toJSON(), ts.toJSON())) misses.push("wasm toJSON() differs");
  return misses;
}

/**
 * Runs every case through both decoders and collects what does not match.
 * @param {{ cases: object[], decode: Function, wasmDecode: Function, codes: readonly object[] }} parts
 *   the vectors, `decode` of `matrix-errors`, the `decode` of a created WASM decoder, and `CODES`
 * @returns {{ cases: number, checked: number, decodes: number, mismatches: string[] }}
 *   `checked` counts (case, form, decoder) triples whose `expect` was checked
 */
export function checkVectors({ cases, decode, wasmDecode, codes }) {
  // Every public field a result can have: the base ones, every typed field of the table, and
  // NonMatrixResponse's two.
  const fields = [
    "name",
    "errcode",
    "message",
    "status",
    "retryAfterMs",
    "isRateLimited",
    "isSoftLogout",
    "reason",
    "raw",
    ...new Set(codes.flatMap((row) => (row.fields ?? []).map((field) => field.prop))),
  ];
  const mismatches = [];
  let checked = 0;
  let decodes = 0;
  for (const c of cases) {
    for (const form of formsOf(c)) {
      const where = `"${c.name}" (${form})`;
      const results = {};
      for (const [name, decodeFn] of [
        ["ts", decode],
        ["wasm", wasmDecode],
      ]) {
        try {
          results[name] = decodeFn(inputOf(c, form), initOf(c));
          decodes++;
        } catch (error) {
          mismatches.push(`${name} ${where}: threw ${error}`);
          continue;
        }
        for (const miss of expectMisses(results[name], c)) mismatches.push(`${name} ${where}: ${miss}`);
        checked++;
      }
      if (results.ts && results.wasm) {
        for (const miss of agreeMisses(results.ts, results.wasm, fields)) mismatches.push(`${where}: ${miss}`);
      }
    }
  }
  return { cases: cases.length, checked, decodes, mismatches };
}
