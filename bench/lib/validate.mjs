// Validation before timing: every contender family on the shared vectors (test/fixtures/vectors.json,
// a copy of ../shared/vectors/vectors.json), and the two decoders against each other on the corpus.
// A family that fails is printed ✘ with the reason, and its contenders are not timed.
import { isDeepStrictEqual } from "node:util";
import { floorBytes, floorString, naive, plain, plainObject } from "./baselines.mjs";
import {
  formsOf,
  loadVectors,
  responseOf,
  vectorBytes,
  vectorHeaders,
  vectorInput,
  vectorText,
  wireBody,
} from "./corpus.mjs";
import { dispatchProbes, dispatchStrategies } from "./dispatch.mjs";
import { leanDecode } from "./lean.mjs";
import { me } from "./libs.mjs";

const SPECIAL = new Set(["class", "bodyErrcode", "bodyField", "messageNonEmpty", "noPollution", "rawStartsWith"]);
const show = (v) => (v === undefined ? "undefined" : JSON.stringify(v));

/** The test suite's check of one result against a vector; returns the mismatches. */
function checkFull(result, c, where) {
  const bad = [];
  const e = c.expect;
  if (result?.constructor?.name !== e.class) bad.push(`${where}: class ${result?.constructor?.name} ≠ ${e.class}`);
  if (result?.name !== e.class) bad.push(`${where}: name ${result?.name} ≠ ${e.class}`);
  for (const [key, want] of Object.entries(e)) {
    if (SPECIAL.has(key)) continue;
    const got = result?.[key];
    const expected = want === null ? undefined : want;
    if (!isDeepStrictEqual(got, expected)) bad.push(`${where}: ${key} ${show(got)} ≠ ${show(expected)}`);
  }
  if ("bodyErrcode" in e && result?.body?.errcode !== e.bodyErrcode) bad.push(`${where}: body.errcode`);
  if (Array.isArray(e.bodyField)) {
    const [key, value] = e.bodyField;
    if (!isDeepStrictEqual(result?.body?.[key], value)) bad.push(`${where}: body.${key}`);
  }
  if (e.messageNonEmpty === true && !(result?.message?.length > 0)) bad.push(`${where}: empty message`);
  if (e.noPollution === true && {}.polluted !== undefined) bad.push(`${where}: Object.prototype polluted`);
  if (typeof e.rawStartsWith === "string" && !String(result?.raw).startsWith(e.rawStartsWith))
    bad.push(`${where}: raw`);
  return bad;
}

const initOf = (c) => ({ status: c.status, headers: c.headers, now: c.now });
// A Response needs a status of 200–599: vectors without one are read as a 400.
const responseStatus = (c) => c.status ?? 400;
const vectorResponse = (c) => new Response(vectorBytes(c), { status: responseStatus(c), headers: vectorHeaders(c) });

/** A decoder with the library's contract (TS or WASM): every vector, every form, and the Response path. */
async function validateDecoder(decoder, cases) {
  const bad = [];
  let checks = 0;
  for (const c of cases) {
    for (const form of formsOf(c)) {
      for (const captureStack of [true, false]) {
        let result;
        try {
          result = decoder.decode(vectorInput(c, form), { ...initOf(c), captureStack });
        } catch (error) {
          bad.push(`${c.name} (${form}): threw ${error}`);
          continue;
        }
        checks += 1;
        for (const m of checkFull(result, c, form)) bad.push(`${c.name} (${form}): ${m}`);
      }
    }
    // decodeResponse: the status and headers come from the response, so only vectors that give a status.
    if (c.status !== undefined && c.status >= 200) {
      const result = await decoder.decodeResponse(vectorResponse(c), { now: c.now });
      checks += 1;
      const expect = { ...c.expect };
      for (const m of checkFull(result, { ...c, expect }, "response")) bad.push(`${c.name} (Response): ${m}`);
    }
  }
  return {
    checks,
    bad,
    fields: "class, name, every expect field (errcode, message, status, retryAfterMs, typed fields, reason, body…)",
  };
}

function validateFloors(cases) {
  const bad = [];
  let checks = 0;
  for (const c of cases) {
    const wire = wireBody(c);
    const s = floorString(vectorText(c));
    const b = floorBytes(vectorBytes(c));
    checks += 2;
    if (wire !== undefined) {
      if (s?.errcode !== wire.errcode && c.body !== null) bad.push(`${c.name}: floor-string errcode ${s?.errcode}`);
      if (b?.errcode !== wire.errcode) bad.push(`${c.name}: floor-bytes errcode ${b?.errcode}`);
    }
  }
  return { checks, bad, fields: "errcode of the parsed body" };
}

function validatePlain(cases, decodeText = plain, decodeObject = plainObject, className = (r) => r.name) {
  const bad = [];
  let checks = 0;
  const keys = ["class", "errcode", "message", "status", "retryAfterMs", "reason"];
  for (const c of cases) {
    for (const form of formsOf(c)) {
      if (form === "bytes" || (form === "object" && decodeObject === null)) continue;
      const input = vectorInput(c, form);
      const r = form === "string" ? decodeText(input, initOf(c)) : decodeObject(input, initOf(c));
      checks += 1;
      for (const key of keys) {
        if (!(key in c.expect)) continue;
        const got = key === "class" ? className(r) : r[key];
        const want = c.expect[key] === null ? undefined : c.expect[key];
        if (!isDeepStrictEqual(got, want)) bad.push(`${c.name} (${form}): ${key} ${show(got)} ≠ ${show(want)}`);
      }
    }
  }
  return { checks, bad, fields: keys.join(", ") };
}

/**
 * Third-party contenders and the naive one are checked on what they claim: the wire errcode, the
 * server's message, the HTTP status, and their retry delay where they expose one, on the vectors
 * whose body is a Matrix error (a JSON object with a string errcode).
 */
function validateThirdParty(family, cases, run) {
  const bad = [];
  const differs = [];
  const notes = new Map();
  let checks = 0;
  let matrix = 0;
  for (const c of cases) {
    const wire = wireBody(c);
    const outcome = run(c, wire);
    if (wire === undefined) {
      notes.set(outcome.note, [...(notes.get(outcome.note) ?? []), c.name]);
      continue;
    }
    matrix += 1;
    for (const [field, got, want] of outcome.checks) {
      checks += 1;
      if (!isDeepStrictEqual(got, want)) bad.push(`${c.name}: ${field} ${show(got)} ≠ ${show(want)}`);
    }
    for (const [field, got, want, why] of outcome.retry ?? []) {
      if (!isDeepStrictEqual(got, want)) differs.push(`${c.name}: ${field} ${show(got)} (ours ${show(want)}) ${why}`);
      else checks += 1;
    }
  }
  return {
    family,
    checks,
    matrix,
    bad,
    differs,
    notes: [...notes].map(([note, names]) => `${note}: ${names.join("; ")}`),
  };
}

const expectedRetry = (c) => (c.expect.retryAfterMs === null ? undefined : c.expect.retryAfterMs);

function describeOutcome(result) {
  if (result instanceof Error) return `${result.constructor.name}${result.errcode ? ` ${result.errcode}` : ""}`;
  return typeof result === "object" && result !== null ? "a plain object (not an Error)" : typeof result;
}

async function validateJsSdk(ctx, cases) {
  const { MatrixError, HTTPError } = ctx.jssdk;
  return validateThirdParty("jssdk", cases, (c, wire) => {
    const res = new Response(vectorBytes(c), { status: responseStatus(c), headers: vectorHeaders(c) });
    const result = ctx.jsSdkDecode(vectorText(c), res);
    if (wire === undefined) {
      const what = result instanceof MatrixError ? "MatrixError" : result instanceof HTTPError ? "HTTPError" : null;
      return { note: what ?? `${describeOutcome(result)} thrown out of the request` };
    }
    // MatrixError's message: `MatrixError: [status] ${errorJson.error || "Unknown message"}`.
    const message = String(wire.error || "Unknown message");
    const checks = [
      ["instanceof MatrixError", result instanceof MatrixError, true],
      ["errcode", result.errcode, wire.errcode],
      ["data.error", result.data?.error, wire.error],
      ["message has the server's", String(result.message).includes(message), true],
      ["httpStatus", result.httpStatus, responseStatus(c)],
    ];
    const retry = [];
    if ("retryAfterMs" in c.expect) {
      let got;
      try {
        got = result.getRetryAfterMs() ?? undefined;
      } catch (error) {
        got = `throws: ${error.message}`;
      }
      retry.push(["getRetryAfterMs()", got, expectedRetry(c), "(its own Retry-After rules)"]);
    }
    return { checks, retry };
  });
}

function validateBotSdk(ctx, cases) {
  return validateThirdParty("botsdk", cases, (c, wire) => {
    const result = ctx.botSdkDecode(vectorText(c), responseStatus(c));
    if (wire === undefined) return { note: describeOutcome(result) };
    const checks = [
      ["errcode", result.errcode, wire.errcode],
      ["error", result.error, wire.error],
      ["message", result.message, `${wire.errcode}: ${wire.error}`],
      ["statusCode", result.statusCode, responseStatus(c)],
      // What it claims: retryAfterMs is the body's retry_after_ms, as sent.
      ["retryAfterMs (body's retry_after_ms)", result.retryAfterMs, wire.retry_after_ms],
    ];
    const retry = "retryAfterMs" in c.expect ? [["retryAfterMs", result.retryAfterMs, expectedRetry(c), ""]] : [];
    return { checks, retry };
  });
}

function validateNaive(cases) {
  return validateThirdParty("naive", cases, (c, wire) => {
    const result = naive(vectorText(c), c.status);
    if (wire === undefined) return { note: describeOutcome(result) };
    const checks = [
      ["errcode", result.errcode, wire.errcode],
      ["message", result.message, typeof wire.error === "string" ? wire.error : "Unknown error"],
      ["status", result.status, c.status],
    ];
    // It reads retry_after_ms only: checked where the vector has no Retry-After header.
    const retry =
      "retryAfterMs" in c.expect
        ? [["retryAfterMs", result.retryAfterMs, expectedRetry(c), c.headers ? "(reads no headers)" : ""]]
        : [];
    return { checks, retry };
  });
}

function validateDispatch(entries) {
  const { entries: table, strategies } = dispatchStrategies();
  const probes = dispatchProbes(
    table,
    entries.filter((e) => e.errcode !== undefined).map((e) => e.errcode),
  );
  const reference = strategies[0].fn;
  const perStrategy = {};
  for (const s of strategies) {
    if (s.context) continue;
    const bad = probes.filter((p) => s.fn(p) !== reference(p));
    perStrategy[s.id] = { checks: probes.length, bad: bad.map((p) => `${show(p)} → ${s.fn(p)?.name}`) };
  }
  return perStrategy;
}

const SAME = ["constructor.name", "errcode", "message", "status", "retryAfterMs"];
const read = (r, k) => (k === "constructor.name" ? r.constructor.name : r[k]);

/** The WASM decoder gives the TS decoder's results on every corpus response, in every form. */
function compareOnCorpus(wasm, entries) {
  const bad = [];
  let checks = 0;
  for (const e of entries) {
    const forms = [e.text, e.bytes, ...(e.object ? [e.object] : [])];
    for (const input of forms) {
      const init = { status: e.status, headers: e.headers, captureStack: false };
      const a = me.decode(input, init);
      const b = wasm.decode(input, init);
      checks += 1;
      for (const k of SAME) {
        if (!Object.is(read(a, k), read(b, k)))
          bad.push(`corpus #${e.index}: ${k} ${show(read(b, k))} ≠ ${show(read(a, k))}`);
      }
      if (!isDeepStrictEqual(a.body, b.body)) bad.push(`corpus #${e.index}: body differs`);
    }
  }
  return { checks, bad };
}

/** Validates every family; returns `{ families: {family: {ok, ...}}, skip: [ids] }`. */
export async function validateAll(ctx) {
  const cases = loadVectors();
  const out = {};
  out.floor = validateFloors(cases);
  out.ts = await validateDecoder(me, cases);
  if (ctx.wasm.available) {
    out.wasm = await validateDecoder(ctx.wasm.decoder, cases);
    const corpus = compareOnCorpus(ctx.wasm.decoder, ctx.entries);
    out.wasm.checks += corpus.checks;
    out.wasm.bad.push(...corpus.bad);
    out.wasm.fields += "; and the TS decoder's class, errcode, message, status, retryAfterMs, body on the corpus";
  } else {
    out.wasm = { unavailable: ctx.wasm.reason };
  }
  out.plain = validatePlain(cases);
  out.lean = validatePlain(cases, leanDecode, null, (r) => r.constructor.name);
  out.naive = validateNaive(cases);
  out.jssdk = await validateJsSdk(ctx, cases);
  out.botsdk = validateBotSdk(ctx, cases);
  out.dispatch = validateDispatch(ctx.entries);
  // Responses of the corpus can be built (status and headers are valid).
  for (const e of ctx.entries.slice(0, 5)) responseOf(e);
  for (const [, v] of Object.entries(out)) {
    if (v.unavailable) v.ok = false;
    else if (v.bad) v.ok = v.bad.length === 0;
  }
  for (const v of Object.values(out.dispatch)) v.ok = v.bad.length === 0;
  return { cases: cases.length, families: out };
}
