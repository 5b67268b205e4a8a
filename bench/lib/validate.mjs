// Validation before timing, in each runtime: `node lib/validate.mjs` prints `RESULT <json>`, per
// family ✔/✘. Ours on test/fixtures/vectors.json and vectors-0.2.json (the baseline on its own
// commit's vectors.json: what 0.1 had), peers and floors on what they claim, retryDelay/retryable on test/fixtures/retry.json.
// A ✘ family is not timed.
import { existsSync, readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { contenders, loadContext } from "./contenders.mjs";

const fixtures = (dir, ...names) =>
  names.flatMap((n) =>
    existsSync(`${dir}test/fixtures/${n}`) ? JSON.parse(readFileSync(`${dir}test/fixtures/${n}`, "utf8")).cases : [],
  );
const root = new URL("../../", import.meta.url).pathname;
const encoder = new TextEncoder();
const SPECIAL = new Set(["class", "bodyErrcode", "bodyField", "messageNonEmpty", "noPollution", "rawStartsWith"]);
const hex = (h) => Uint8Array.from(h.match(/../g) ?? [], (b) => Number.parseInt(b, 16));
const bytesOf = (c) => (c.bytesHex !== undefined ? hex(c.bytesHex) : encoder.encode(c.body ?? ""));
const textOf = (c) => c.body ?? new TextDecoder().decode(bytesOf(c));
const initOf = (c) => ({ status: c.status, headers: c.headers, now: c.now });
const result = () => ({ checks: 0, bad: [] });

/** The test suite's check of one result of ours against a vector. */
function check(r, c) {
  const e = c.expect;
  const bad = [];
  if (r?.constructor?.name !== e.class || r?.name !== e.class) bad.push(`class ${r?.constructor?.name}`);
  for (const [key, want] of Object.entries(e))
    if (!SPECIAL.has(key) && !isDeepStrictEqual(r?.[key], want ?? undefined)) bad.push(`${key} ${r?.[key]}`);
  if ("bodyErrcode" in e && r?.body?.errcode !== e.bodyErrcode) bad.push("body.errcode");
  if (Array.isArray(e.bodyField) && !isDeepStrictEqual(r?.body?.[e.bodyField[0]], e.bodyField[1])) bad.push("body");
  if (e.messageNonEmpty && !(r?.message?.length > 0)) bad.push("empty message");
  if (typeof e.rawStartsWith === "string" && !String(r?.raw).startsWith(e.rawStartsWith)) bad.push("raw");
  return bad;
}

async function ours(decoder, cases) {
  const out = result();
  for (const c of cases) {
    for (const input of [textOf(c), bytesOf(c)])
      for (const captureStack of [true, false]) {
        out.checks += 1;
        for (const m of check(decoder.decode(input, { ...initOf(c), captureStack }), c))
          out.bad.push(`${c.name}: ${m}`);
      }
    if (c.status >= 200 && c.status <= 599) {
      out.checks += 1;
      const res = new Response(bytesOf(c), { status: c.status, headers: c.headers });
      for (const m of check(await decoder.decodeResponse(res, { now: c.now }), c))
        out.bad.push(`${c.name} (Response): ${m}`);
    }
  }
  return out;
}

/** The wire body a third-party client sees as a Matrix error, else undefined. */
function wire(c) {
  try {
    const b = JSON.parse(textOf(c));
    return b && typeof b === "object" && !Array.isArray(b) && typeof b.errcode === "string" ? b : undefined;
  } catch {
    return undefined;
  }
}

/** A peer or floor: on the plain Matrix-error vectors, the wire errcode (and status, message) it gives. */
function claims(fn, read, cases) {
  const out = result();
  for (const c of cases) {
    const w = wire(c);
    if (w === undefined || c.bytesHex !== undefined) continue;
    const status = c.status ?? 400;
    const res = { status, headers: new Headers({ "content-type": "application/json" }), url: "" };
    const got = read(fn(textOf(c), { status, res }));
    const want = { errcode: w.errcode, status, message: typeof w.error === "string" ? w.error : undefined };
    for (const [k, v] of Object.entries(want)) {
      if (!(k in got) || v === undefined) continue;
      out.checks += 1;
      if (got[k] !== v) out.bad.push(`${c.name}: ${k} ${got[k]} ≠ ${v}`);
    }
  }
  return out;
}

function retry({ decode, retryDelay }, cases) {
  const out = result();
  for (const c of cases) {
    const err = decode(c.body, { status: c.status, headers: c.headers });
    const policy = c.randomValue === undefined ? c.policy : { ...c.policy, random: () => c.randomValue };
    const got = { retryable: err.retryable, delayMs: retryDelay(err, c.attempt, policy) ?? null };
    out.checks += 2;
    for (const k of ["retryable", "delayMs"])
      if (got[k] !== c.expect[k]) out.bad.push(`${c.name}: ${k} ${got[k]} ≠ ${c.expect[k]}`);
  }
  return out;
}

const ctx = await loadContext();
const vectors = fixtures(root, "vectors.json");
const byId = Object.fromEntries(contenders(ctx).string.map((c) => [c.id, c.fn]));
const families = {
  floors: claims(byId.floor, (r) => ({ errcode: r?.errcode }), vectors),
  "error-floor": claims(byId["error-floor"], (r) => ({ errcode: r[0]?.errcode }), vectors),
};
for (const o of ctx.ours)
  families[o.family] = o.d.error
    ? { unavailable: o.d.error }
    : await ours(o.d, o.dir ? fixtures(o.dir, "vectors.json") : fixtures(root, "vectors.json", "vectors-0.2.json"));
families.jssdk = byId["jssdk-stack"]
  ? claims(
      byId["jssdk-stack"],
      (r) => ({ errcode: r?.errcode, status: r?.httpStatus, message: r?.data?.error }),
      vectors,
    )
  : { unavailable: ctx.jssdk.error };
families.retry = retry(ctx.me, fixtures(root, "retry.json"));
for (const f of Object.values(families)) if (!f.unavailable) f.ok = f.bad.length === 0;
const labels = Object.fromEntries([...ctx.ours.map((o) => [o.family, o.label]), ["jssdk", ctx.jssdk.label]]);
process.stdout.write(`RESULT ${JSON.stringify({ families, labels })}\n`);
