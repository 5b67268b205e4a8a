// Validation before timing, in each runtime: `node lib/validate.mjs` prints `RESULT <json>`, per
// family ✔/✘ on the shared vectors (test/fixtures/vectors.json). A ✘ family is not timed.
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { contenders, loadContext } from "./contenders.mjs";

const { cases } = JSON.parse(readFileSync(new URL("../../test/fixtures/vectors.json", import.meta.url), "utf8"));
const encoder = new TextEncoder();
const SPECIAL = new Set(["class", "bodyErrcode", "bodyField", "messageNonEmpty", "noPollution", "rawStartsWith"]);
const hex = (h) => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const bytesOf = (c) => (c.bytesHex !== undefined ? hex(c.bytesHex) : encoder.encode(c.body ?? ""));
const textOf = (c) => c.body ?? new TextDecoder().decode(bytesOf(c));
const initOf = (c) => ({ status: c.status, headers: c.headers, now: c.now });

/** The wire body a third-party client sees as a Matrix error, else undefined. */
function wire(c) {
  try {
    const b = JSON.parse(textOf(c).replace(/^\uFEFF/, ""));
    return b && typeof b === "object" && !Array.isArray(b) && typeof b.errcode === "string" ? b : undefined;
  } catch {
    return undefined;
  }
}

/** The test suite's check of one result of ours against a vector. */
function full(r, c) {
  const e = c.expect;
  const bad = [];
  if (r?.constructor?.name !== e.class || r?.name !== e.class) bad.push(`class ${r?.constructor?.name}`);
  for (const [key, want] of Object.entries(e)) {
    if (!SPECIAL.has(key) && !isDeepStrictEqual(r?.[key], want ?? undefined)) bad.push(`${key} ${r?.[key]}`);
  }
  if ("bodyErrcode" in e && r?.body?.errcode !== e.bodyErrcode) bad.push("body.errcode");
  if (Array.isArray(e.bodyField) && !isDeepStrictEqual(r?.body?.[e.bodyField[0]], e.bodyField[1])) bad.push("body");
  if (e.messageNonEmpty && !(r?.message?.length > 0)) bad.push("empty message");
  if (typeof e.rawStartsWith === "string" && !String(r?.raw).startsWith(e.rawStartsWith)) bad.push("raw");
  return bad;
}

async function ours(decoder) {
  const out = { checks: 0, bad: [] };
  for (const c of cases) {
    for (const input of [textOf(c), bytesOf(c)]) {
      for (const captureStack of [true, false]) {
        out.checks += 1;
        for (const m of full(decoder.decode(input, { ...initOf(c), captureStack }), c)) out.bad.push(`${c.name}: ${m}`);
      }
    }
    if (c.status >= 200 && c.status <= 599) {
      out.checks += 1;
      const res = new Response(bytesOf(c), { status: c.status, headers: c.headers });
      for (const m of full(await decoder.decodeResponse(res, { now: c.now }), c))
        out.bad.push(`${c.name} (Response): ${m}`);
    }
  }
  return out;
}

/** A peer or floor: on the Matrix-error vectors, the wire errcode (and status, message) it claims to give. */
function claims(fn, read, keys = ["errcode"]) {
  const out = { checks: 0, bad: [] };
  for (const c of cases) {
    const w = wire(c);
    if (w === undefined || c.bytesHex !== undefined || textOf(c).startsWith("\uFEFF")) continue;
    const status = c.status ?? 400;
    const aux = { status, res: { status, headers: new Headers({ "content-type": "application/json" }), url: "" } };
    const got = read(fn(textOf(c), aux), status);
    const all = { errcode: w.errcode, status, message: w.error };
    const want = Object.fromEntries(keys.map((k) => [k, all[k]]));
    for (const [k, v] of Object.entries(want)) {
      out.checks += 1;
      if (typeof v === "string" || typeof v === "number" || k === "errcode") {
        if (got?.[k] !== v) out.bad.push(`${c.name}: ${k} ${got?.[k]} ≠ ${v}`);
      }
    }
  }
  return out;
}

function retry(me) {
  const out = { checks: 0, bad: [] };
  for (const c of cases) {
    const err = me.decode(textOf(c), initOf(c));
    const d = me.retryDelay(err, 1, { jitter: false });
    out.checks += 1;
    if (typeof err.retryable !== "boolean") out.bad.push(`${c.name}: retryable ${err.retryable}`);
    else if (!err.retryable && d !== undefined) out.bad.push(`${c.name}: delay ${d} for a non-retryable error`);
    else if (err.retryable && err.retryAfterMs !== undefined && err.retryAfterMs <= 60_000 && d !== err.retryAfterMs)
      out.bad.push(`${c.name}: delay ${d} ≠ retryAfterMs ${err.retryAfterMs}`);
  }
  return out;
}

const PEER = ["errcode", "status", "message"];
const ctx = await loadContext();
const list = contenders(ctx).string;
const byId = Object.fromEntries(list.map((c) => [c.id, c.fn]));
const families = {
  floors: claims(byId.floor, (r) => r),
  "error-floor": claims(byId["error-floor"], (r) => r[0]),
  ts: await ours(ctx.me),
  wasm: ctx.wasm.error ? { unavailable: ctx.wasm.error } : await ours(ctx.wasm),
  jssdk: byId["jssdk-stack"]
    ? claims(
        byId["jssdk-stack"],
        (r) => ({ errcode: r?.errcode, status: r?.httpStatus, message: r?.data?.error }),
        PEER,
      )
    : { unavailable: ctx.jssdk.error },
  botsdk: byId["botsdk-stack"]
    ? claims(byId["botsdk-stack"], (r) => ({ errcode: r?.errcode, status: r?.statusCode, message: r?.error }), PEER)
    : { unavailable: ctx.botsdk.error },
  retry: byId.retryDelay ? retry(ctx.me) : { unavailable: "not in this build" },
};
for (const f of Object.values(families)) if (!f.unavailable) f.ok = f.bad.length === 0;
const labels = { jssdk: ctx.jssdk.label, botsdk: ctx.botsdk.label };
process.stdout.write(`RESULT ${JSON.stringify({ families, labels })}\n`);
