// Cold start, one contender per fresh process: `node lib/cold.mjs <contender>`. The corpus is loaded
// and the Headers/Responses are built before the clock starts (that loads undici, which every
// contender needs alike); then: import, set-up (WASM: read, compile, instantiate), call 1,
// calls 2–10, 11–100, 101–1000 on distinct responses. Prints `RESULT <json>`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadCorpus, responseOf } from "./corpus.mjs";

const CALLS = 1000;
const name = process.argv[2];
const entries = loadCorpus();
// A fixed permutation of the corpus: the first 1,000 errors a process sees, all distinct.
const order = entries.map((e, i) => [(Math.imul(i + 1, 2654435761) >>> 0) % 1_000_003, e]).sort((a, b) => a[0] - b[0]);
const picked = order.slice(0, CALLS).map(([, e]) => e);
const responses = name.startsWith("jssdk") ? picked.map(responseOf) : [];

// The corpus is bench scaffolding: collect now so its first major GC does not land in the timed calls.
globalThis.gc?.();
const now = () => process.hrtime.bigint();
const ms = (a, b) => Number(b - a) / 1e6;
const timings = {};

const t0 = now();
let call;
if (name === "floor-string") {
  call = (e) => {
    try {
      return JSON.parse(e.text);
    } catch {
      return undefined;
    }
  };
} else if (name === "floor-bytes") {
  const td = new TextDecoder();
  call = (e) => {
    try {
      return JSON.parse(td.decode(e.bytes));
    } catch {
      return undefined;
    }
  };
} else if (name.startsWith("ts-")) {
  const { decode } = await import("matrix-errors");
  if (name === "ts-string") call = (e) => decode(e.text, { status: e.status, headers: e.headers });
  if (name === "ts-string-hot")
    call = (e) => decode(e.text, { status: e.status, headers: e.headers, captureStack: false });
  if (name === "ts-bytes-hot")
    call = (e) => decode(e.bytes, { status: e.status, headers: e.headers, captureStack: false });
} else if (name === "wasm-raw") {
  // V8's own cost for this module, without the library: sync compile and sync instantiate.
  const file = new URL(import.meta.resolve("matrix-errors/decoder.wasm"));
  const bytes = readFileSync(file);
  const t1 = now();
  const module = new WebAssembly.Module(bytes);
  const t2 = now();
  const instance = new WebAssembly.Instance(module, {});
  const t3 = now();
  Object.assign(timings, {
    importMs: 0,
    readMs: ms(t0, t1),
    compileMs: ms(t1, t2),
    instantiateMs: ms(t2, t3),
    setupMs: ms(t0, t3),
  });
  const { scan, inputPointer } = instance.exports;
  const memory = new Uint8Array(instance.exports.memory.buffer);
  const input = inputPointer();
  // Scan only (no strings, no result object): the floor of the WASM path.
  call = (e) => {
    memory.set(e.bytes, input);
    return scan(e.bytes.length);
  };
} else if (name.startsWith("wasm-")) {
  const { createWasmDecoder } = await import("matrix-errors/wasm");
  const t1 = now();
  timings.importMs = ms(t0, t1);
  let wasm;
  if (name === "wasm-loader-hot") {
    // The bundled Node loader: reads, compiles and instantiates decoder.wasm.
    wasm = await createWasmDecoder();
    timings.setupMs = ms(t1, now());
  } else {
    const file = new URL(import.meta.resolve("matrix-errors/decoder.wasm"));
    const bytes = readFileSync(file);
    const t2 = now();
    const module = new WebAssembly.Module(bytes);
    const t3 = now();
    wasm = await createWasmDecoder(module);
    const t4 = now();
    Object.assign(timings, {
      readMs: ms(t1, t2),
      compileMs: ms(t2, t3),
      instantiateMs: ms(t3, t4),
      setupMs: ms(t1, t4),
    });
  }
  if (name === "wasm-bytes-hot" || name === "wasm-loader-hot") {
    call = (e) => wasm.decode(e.bytes, { status: e.status, headers: e.headers, captureStack: false });
  }
  if (name === "wasm-string-hot") {
    call = (e) => wasm.decode(e.text, { status: e.status, headers: e.headers, captureStack: false });
  }
} else if (name === "naive") {
  const { naive } = await import("./naive.mjs");
  call = (e) => naive(e.text, e.status);
} else if (name === "jssdk") {
  // Only the modules of its HTTP error path, not the whole SDK.
  const { parseErrorResponse } = await import("matrix-js-sdk/lib/http-api/utils.js");
  call = (e, i) => {
    try {
      return parseErrorResponse(responses[i], e.text);
    } catch (error) {
      return error;
    }
  };
} else if (name === "botsdk") {
  const { MatrixError } = createRequire(import.meta.url)("matrix-bot-sdk/lib/models/MatrixError.js");
  call = (e) => {
    let body = e.text;
    try {
      body = JSON.parse(body);
    } catch {}
    return typeof body === "object" && body !== null && "errcode" in body ? new MatrixError(body, e.status) : body;
  };
}
if (call === undefined) throw new Error(`unknown cold contender ${name}`);
const ready = now();
timings.importMs ??= ms(t0, ready);
timings.setupMs ??= 0;

const sink = [];
const marks = [now()];
for (let i = 0; i < CALLS; i++) {
  sink.push(call(picked[i], i));
  if (i === 0 || i === 9 || i === 99 || i === CALLS - 1) marks.push(now());
}
const [m0, m1, m10, m100, m1000] = marks;
Object.assign(timings, {
  firstUs: ms(m0, m1) * 1e3,
  calls2to10Us: (ms(m1, m10) * 1e3) / 9,
  calls11to100Us: (ms(m10, m100) * 1e3) / 90,
  calls101to1000Us: (ms(m100, m1000) * 1e3) / 900,
  first1000Ms: ms(m0, m1000),
  totalMs: ms(t0, m1000),
});
if (sink.length !== CALLS) throw new Error("lost results");
process.stdout.write(`RESULT ${JSON.stringify({ name, ...timings })}\n`);
