// What is timed: matrix-errors through its public entry points (TS and WASM, hot and default), the
// baseline build of an older commit beside it (BENCH_BASELINE), the floors, and the peers as their
// HTTP layers call them, each with and without a stack. Each contender names its validation family.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as me from "matrix-errors";
import { loadCorpus } from "./corpus.mjs";

const major = Number(process.versions.node.split(".")[0]);
const version = (name) =>
  JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")).version;
const failure = (error) => String(error?.message ?? error).split("\n")[0];

async function wasmOf(load) {
  try {
    return await (await load()).createWasmDecoder();
  } catch (error) {
    return { error: failure(error) };
  }
}

// matrix-js-sdk 43 needs Node ≥ 22 (its engines): the peer there; 37.5.0 (the newest for Node 20)
// on Node 20. Its fetch layer does `throw parseErrorResponse(res, await res.text())`.
async function loadJsSdk() {
  const name = major >= 22 ? "matrix-js-sdk-43" : "matrix-js-sdk";
  try {
    const { parseErrorResponse } = await import(`${name}/lib/http-api/utils.js`);
    return { parse: parseErrorResponse, label: `matrix-js-sdk ${version(name)}` };
  } catch (error) {
    return { error: failure(error), label: name };
  }
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

// The package's scanner module alone (no glue), for the bound of the WASM target.
async function rawScanner() {
  try {
    const bytes = readFileSync(fileURLToPath(import.meta.resolve("matrix-errors/decoder.wasm")));
    const { exports } = (await WebAssembly.instantiate(bytes)).instance;
    const { buffer } = exports.memory;
    const result = exports.resultPointer() >> 2;
    return {
      memory: new Uint8Array(buffer),
      words: new Int32Array(buffer),
      input: exports.inputPointer(),
      result,
      scan: exports.scan,
    };
  } catch (error) {
    return { error: failure(error) };
  }
}

/** Everything a scenario needs, loaded once per process. */
export async function loadContext() {
  const entries = loadCorpus().map((e) => ({ ...e, bytes: encoder.encode(e.body) }));
  const ours = [{ family: "ts", label: "matrix-errors TS", d: me }];
  ours.push({ family: "wasm", label: "matrix-errors WASM", d: await wasmOf(() => import("matrix-errors/wasm")) });
  const base = process.env.BENCH_BASELINE;
  if (base) {
    const [dir, sha] = base.split("#");
    const d = await import(`${dir}dist/index.js`).catch((error) => ({ error: failure(error) }));
    ours.push({ family: "base-ts", label: `baseline ${sha} TS`, d, dir });
    ours.push({
      family: "base-wasm",
      label: `baseline ${sha} WASM`,
      d: await wasmOf(() => import(`${dir}dist/wasm/node.js`)),
      dir,
    });
    // The A/A control of before/after: the current build again, as a second module instance.
    const same = process.env.BENCH_SAME;
    if (same) {
      const d = await import(`${same}dist/index.js`).catch((error) => ({ error: failure(error) }));
      ours.push({ family: "same-ts", label: "current TS (second copy)", d, headToHead: true });
      const wasm = await wasmOf(() => import(`${same}dist/wasm/node.js`));
      ours.push({ family: "same-wasm", label: "current WASM (second copy)", d: wasm, headToHead: true });
    }
  }
  return { entries, me, ours, jssdk: await loadJsSdk(), scanner: await rawScanner() };
}

function parseOr(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    return error;
  }
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

const HOT = { captureStack: false };

// A throwaway `Error` subclass per errcode (one for bodies without one), made on first sight.
const perCode = new Map();
// The same by the scanner's table index, shifted by one (-1: not in the table).
const perWire = [];
function classOf(errcode) {
  const key = typeof errcode === "string" ? errcode : "";
  let cls = perCode.get(key);
  if (cls === undefined) {
    cls = class extends Error {};
    perCode.set(key, cls);
  }
  return cls;
}

// Each contender's wrapper is compiled on its own: V8 shares the feedback and the optimised code of
// closures made from one function literal, so one literal for every decoder made each call in it
// polymorphic (four decoders, two settings) and cost the contenders that run through it (ours and
// the baseline) up to 2× against floors that have literals of their own.
function compiled(params, body, bindings, kind = "") {
  return new Function(...Object.keys(bindings), `"use strict"; return ${kind}(${params}) => ${body};`)(
    ...Object.values(bindings),
  );
}

/** The contenders by scenario: `{ id, label, family, fn(input, aux), floor?, noStack? }`. */
export function contenders(ctx) {
  const { jssdk, scanner } = ctx;
  const js = jssdk.parse && jsSdk(jssdk.parse);
  const ours = ctx.ours.filter((o) => !o.d.error);
  const each = (make, what = "") =>
    ours.flatMap(({ family, label, d, headToHead }) => [
      { id: `${family}-hot`, label: `${label}${what}, captureStack: false`, family, headToHead, fn: make(d, true) },
      { id: `${family}-default`, label: `${label}${what}, defaults (stack)`, family, headToHead, fn: make(d, false) },
    ]);
  const peers = (read) =>
    (js ? [false, true] : []).map((noStack) => ({
      id: `jssdk-${noStack ? "nostack" : "stack"}`,
      label: `${jssdk.label}${noStack ? ", stackTraceLimit 0" : " (stack)"}`,
      family: "jssdk",
      noStack,
      fn: read
        ? compiled("r, a", "read(await r).then((t) => js(t, a.res))", { js, read }, "async ")
        : compiled("t, a", "js(t, a.res)", { js }),
    }));
  const decodeWith = (d, hot) => compiled("x, a", `d.decode(x, a.${hot ? "hot" : "init"})`, { d });
  const { decode, retryDelay } = ctx.me;
  return {
    string: [
      { id: "floor", label: "JSON.parse (floor)", family: "floors", floor: true, fn: parseOr },
      {
        id: "error-floor",
        label: "JSON.parse + new Error() (stack)",
        family: "error-floor",
        fn: (t) => [parseOr(t), new Error("x")],
      },
      {
        // The least a decoder whose stacks start in its caller's code can cost: capture off while
        // the Error is made, then Error.captureStackTrace from its own entry (as ours does). Called
        // through a wrapper, as ours is: its stacks start there, as many frames as ours and as
        // error-floor's (from its own entry called directly, they had one frame fewer, ~5 % of a
        // stack's cost on this corpus's shallow stacks, and the bound below was too low).
        id: "error-floor-capture",
        label: "JSON.parse + new Error(), stack captured from the entry",
        family: "error-floor",
        fn: compiled("t", "entry(t)", {
          entry: function entry(t) {
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = undefined;
            let made;
            try {
              made = [parseOr(t), new Error("x")];
            } finally {
              Error.stackTraceLimit = limit;
            }
            Error.captureStackTrace(made[1], entry);
            return made;
          },
        }),
      },
      {
        // As error-floor-capture, with a class per errcode (the contract's one class per code):
        // V8 makes errors and their stacks for the instances of many classes at a higher cost than
        // for one class's. The bound of the "ours with a stack" target. A literal of its own, not a
        // factory shared with error-floor-capture: closures of one literal share feedback (`compiled`).
        id: "error-floor-classes",
        label: "JSON.parse + new of a class per errcode, stack captured from the entry",
        family: "error-floor",
        fn: compiled("t", "entry(t)", {
          entry: function entry(t) {
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = undefined;
            let made;
            try {
              const body = parseOr(t);
              made = [body, new (classOf(body?.errcode))("x")];
            } finally {
              Error.stackTraceLimit = limit;
            }
            Error.captureStackTrace(made[1], entry);
            return made;
          },
        }),
      },
      {
        // The least a decoder that parses with JSON.parse and returns an Error can cost, capture off
        // the way ours turns it off.
        id: "error-floor-nostack",
        label: "JSON.parse + new Error(), capture off",
        family: "error-floor",
        fn: (t) => {
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = undefined;
          try {
            return [parseOr(t), new Error("x")];
          } finally {
            Error.stackTraceLimit = limit;
          }
        },
      },
      {
        // As error-floor-nostack, with a class per errcode (the contract's): the least a decoder of
        // this contract can cost without stacks, the bound of the "js-sdk without stacks / ours" target.
        id: "error-floor-classes-nostack",
        label: "JSON.parse + new of a class per errcode, capture off",
        family: "error-floor",
        fn: (t) => {
          const limit = Error.stackTraceLimit;
          Error.stackTraceLimit = undefined;
          try {
            const body = parseOr(t);
            return [body, new (classOf(body?.errcode))("x")];
          } finally {
            Error.stackTraceLimit = limit;
          }
        },
      },
      ...each(decodeWith),
      ...peers(),
    ],
    bytes: [
      {
        id: "floor",
        label: "TextDecoder + JSON.parse (floor)",
        family: "floors",
        floor: true,
        fn: (b) => parseOr(utf8.decode(b)),
      },
      // The least a decoder built as our WASM one can cost: the text kept (TextDecoder), the bytes
      // copied into the module's memory and scanned, and `new` of a class per errcode (by the
      // scanner's table index), capture off; no field read, no glue, no check. The bound of the
      // "WASM bytes" target: the class and the text alone take what the floor's JSON.parse saves.
      ...(scanner.error
        ? []
        : [
            {
              id: "scan-floor",
              label: "TextDecoder + WASM scan + new of a class per errcode, capture off",
              family: "error-floor",
              fn: (b) => {
                const limit = Error.stackTraceLimit;
                Error.stackTraceLimit = undefined;
                try {
                  const text = utf8.decode(b);
                  scanner.memory.set(b, scanner.input);
                  scanner.scan(b.length);
                  const wire = scanner.words[scanner.result + 1];
                  perWire[wire + 1] ??= class extends Error {};
                  return [text, new perWire[wire + 1]("x")];
                } finally {
                  Error.stackTraceLimit = limit;
                }
              },
            },
          ]),
      ...each(decodeWith),
    ],
    response: [
      {
        id: "floor",
        label: "JSON.parse(await res.text()) (floor)",
        family: "floors",
        floor: true,
        fn: async (r) => parseOr(await (await r).text()),
      },
      // Each call awaits its Response first, as a client's `await fetch(…)` comes before every
      // decodeResponse: the callers are then async frames, not synchronous ones (V8 summarises a
      // synchronous frame for a stack at ~1.6× an async one's cost; bench/README.md).
      ...each(
        (d, hot) => compiled("r", `d.decodeResponse(await r${hot ? ", HOT" : ""})`, { d, HOT }, "async "),
        " decodeResponse",
      ),
      ...peers((r) => r.text()),
    ],
    // Synchronous, on decoded errors of the corpus: the floor is the same sync loop of a hot decode.
    retry: [
      {
        id: "floor",
        label: "decode(text, captureStack: false) (floor)",
        family: "ts",
        floor: true,
        fn: (t, a) => decode(t, a.hot),
      },
      { id: "retryDelay", label: "retryDelay(err, 1)", family: "retry", fn: (_, a) => retryDelay(a.err, 1) },
      { id: "retryable", label: "err.retryable", family: "retry", fn: (_, a) => a.err.retryable },
    ],
  };
}

/** The inputs and per-entry extras (`aux`) of a scenario. */
export function scenarioOf(name, ctx) {
  const { entries } = ctx;
  const aux = entries.map((e) => {
    const init = { status: e.status, headers: e.headers };
    const res = { status: e.status, headers: new Headers(e.headers), url: "https://hs.example/_matrix/client/v3/x" };
    // A literal, as a caller writes it. Node 20's V8 gives every object made by `{ ...a, ...b }` a map
    // of its own, so each read of it misses every inline cache: reading the six fields of such an
    // init cost ~0.8 µs, a third of a decode (Node 26: no difference; see bench/README.md).
    const hot = { status: e.status, headers: e.headers, captureStack: false };
    return { init, hot, res, status: e.status, err: ctx.me.decode(e.body, init) };
  });
  const list = contenders(ctx)[name];
  if (name === "response") {
    const fresh = () => entries.map((e) => new Response(e.bytes, { status: e.status, headers: e.headers }));
    return { inputs: fresh(), aux, fresh, list };
  }
  return { inputs: entries.map((e) => (name === "bytes" ? e.bytes : e.body)), aux, list, sync: name === "retry" };
}
