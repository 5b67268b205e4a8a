// What is timed: matrix-errors through its public entry points (TS and WASM, hot and default), the
// floors, and the peers as their HTTP layers call them, each with and without a stack.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as me from "matrix-errors";
import { loadCorpus } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split(".")[0]);

/** Version of an installed package, from its package.json. */
export function versionOf(name) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
  } catch {
    return undefined;
  }
}

// matrix-js-sdk 43 needs Node ≥ 22 (its engines): it is the peer there; 37.5.0 (the newest for
// Node 20) is the peer on Node 20. Its fetch layer does `throw parseErrorResponse(res, await res.text())`.
async function loadJsSdk() {
  const name = major >= 22 ? "matrix-js-sdk-43" : "matrix-js-sdk";
  try {
    const utils = await import(`${name}/lib/http-api/utils.js`);
    return { parse: utils.parseErrorResponse, label: `matrix-js-sdk ${versionOf(name)}` };
  } catch (error) {
    return { error: String(error?.message ?? error).split("\n")[0], label: name };
  }
}

// matrix-bot-sdk's doHttpRequest: JSON.parse in a try/catch, then `new MatrixError(body, status)` for
// an object with an errcode. Only the model file is loaded (the entry needs a native crypto binding).
function loadBotSdk() {
  try {
    const { MatrixError } = require("matrix-bot-sdk/lib/models/MatrixError.js");
    return { MatrixError, label: `matrix-bot-sdk ${versionOf("matrix-bot-sdk")}` };
  } catch (error) {
    return { error: String(error?.message ?? error).split("\n")[0], label: "matrix-bot-sdk" };
  }
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** Everything a scenario needs, loaded once per process. */
export async function loadContext() {
  const entries = loadCorpus().map((e) => {
    const bytes = encoder.encode(e.body);
    return { ...e, bytes, text: utf8.decode(bytes) };
  });
  let wasm;
  try {
    wasm = await (await import("matrix-errors/wasm")).createWasmDecoder();
  } catch (error) {
    wasm = { error: String(error?.message ?? error) };
  }
  return { entries, me, wasm, jssdk: await loadJsSdk(), botsdk: loadBotSdk() };
}

function jsSdk(parse) {
  return (text, res) => {
    try {
      return parse(res, text);
    } catch (error) {
      return error; // JSON.parse's SyntaxError leaves its request as a throw
    }
  };
}

function botSdk(MatrixError) {
  return (text, status) => {
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {}
    try {
      if (typeof body === "object" && "errcode" in body) return new MatrixError(body, status);
    } catch (error) {
      return error;
    }
    return { statusCode: status, body };
  };
}

function parseOrUndefined(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    return error;
  }
}

/** The decode functions by scenario: `[id, label, fn, options]`, `fn(input, aux)`. */
export function contenders(ctx) {
  const { decode, decodeResponse, retryDelay } = ctx.me;
  const wasm = ctx.wasm.error ? undefined : ctx.wasm;
  const { jssdk, botsdk } = ctx;
  const js = jssdk.parse ? jsSdk(jssdk.parse) : undefined;
  const bot = botsdk.MatrixError ? botSdk(botsdk.MatrixError) : undefined;
  const hot = (d) => (x, a) => d(x, a.hot);
  const def = (d) => (x, a) => d(x, a.init);
  const string = [
    ["floor", "JSON.parse (floor)", parseOrUndefined, { floor: true }],
    ["error-floor", "JSON.parse + new Error() (stack)", (t) => [parseOrUndefined(t), new Error("x")]],
    ["ts-hot", "matrix-errors TS, captureStack: false", hot(decode)],
    ["ts-default", "matrix-errors TS, defaults (stack)", def(decode)],
    wasm && ["wasm-hot", "matrix-errors WASM, captureStack: false", hot(wasm.decode)],
    wasm && ["wasm-default", "matrix-errors WASM, defaults (stack)", def(wasm.decode)],
    js && ["jssdk-stack", `${jssdk.label} (stack)`, (t, a) => js(t, a.res)],
    js && ["jssdk-nostack", `${jssdk.label}, stackTraceLimit 0`, (t, a) => js(t, a.res), { noStack: true }],
    bot && ["botsdk-stack", `${botsdk.label} (stack)`, (t, a) => bot(t, a.status)],
    bot && ["botsdk-nostack", `${botsdk.label}, stackTraceLimit 0`, (t, a) => bot(t, a.status), { noStack: true }],
    typeof retryDelay === "function" && [
      "retryDelay",
      "retryDelay(err, 1) on a decoded error",
      (_, a) => retryDelay(a.err, 1),
    ],
    hasRetryable(ctx) && ["retryable", "err.retryable on a decoded error", (_, a) => a.err.retryable],
  ];
  const bytes = [
    ["floor", "TextDecoder + JSON.parse (floor)", (b) => parseOrUndefined(utf8.decode(b)), { floor: true }],
    ["ts-hot", "matrix-errors TS, captureStack: false", hot(decode)],
    ["ts-default", "matrix-errors TS, defaults (stack)", def(decode)],
    wasm && ["wasm-hot", "matrix-errors WASM, captureStack: false", hot(wasm.decode)],
    wasm && ["wasm-default", "matrix-errors WASM, defaults (stack)", def(wasm.decode)],
  ];
  const HOT = { captureStack: false };
  const response = [
    ["floor", "JSON.parse(await res.text()) (floor)", async (r) => parseOrUndefined(await r.text()), { floor: true }],
    ["ts-hot", "decodeResponse, captureStack: false", (r) => decodeResponse(r, HOT)],
    ["ts-default", "decodeResponse, defaults (stack)", (r) => decodeResponse(r)],
    wasm && ["wasm-hot", "WASM decodeResponse, captureStack: false", (r) => wasm.decodeResponse(r, HOT)],
    wasm && ["wasm-default", "WASM decodeResponse, defaults (stack)", (r) => wasm.decodeResponse(r)],
    js && ["jssdk-stack", `${jssdk.label} (stack)`, async (r) => js(await r.text(), r)],
    js && ["jssdk-nostack", `${jssdk.label}, stackTraceLimit 0`, async (r) => js(await r.text(), r), { noStack: true }],
  ];
  const clean = (list) => list.filter(Boolean).map(([id, label, fn, opts]) => ({ id, label, fn, ...opts }));
  return { string: clean(string), bytes: clean(bytes), response: clean(response) };
}

function hasRetryable(ctx) {
  return typeof ctx.me.decode("{}")?.retryable === "boolean";
}

/** The inputs and per-entry extras (`aux`) of a scenario. */
export function scenarioOf(name, ctx) {
  const { entries } = ctx;
  const aux = entries.map((e) => {
    const init = { status: e.status, headers: e.headers };
    const res = { status: e.status, headers: new Headers(e.headers), url: "https://hs.example/_matrix/client/v3/x" };
    return { init, hot: { ...init, captureStack: false }, res, status: e.status, err: ctx.me.decode(e.text, init) };
  });
  const list = contenders(ctx)[name];
  if (name === "response") {
    const fresh = () => entries.map((e) => new Response(e.bytes, { status: e.status, headers: e.headers }));
    return { inputs: fresh(), aux, fresh, list };
  }
  return { inputs: entries.map((e) => (name === "bytes" ? e.bytes : e.text)), aux, list };
}
