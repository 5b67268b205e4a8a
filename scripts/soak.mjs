#!/usr/bin/env node
import { readFileSync } from "node:fs";
// Part of `npm run fuzz` (run with node --expose-gc): 1,000,000 decodes per decoder (TS and WASM, bodies of every kind, both
// stack settings) in one loop, checking that the heap (after a full GC) and the WASM memory stay
// flat. Exits non-zero when either grows. `npm test` runs the 100,000-decode version.
import { decode } from "../dist/index.js";
import { createWasmDecoder } from "../dist/wasm/core.js";

const total = Number(process.argv[2] ?? 1_000_000);
const gc = globalThis.gc;
if (typeof gc !== "function") {
  console.error("run with node --expose-gc");
  process.exit(2);
}

const bytes = (text) => new TextEncoder().encode(text);
const inputs = [
  '{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":2000}',
  bytes('{"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token passed.","soft_logout":true}'),
  '{"errcode":"ORG.MATRIX.MSC3823.USER_SUSPENDED","error":"suspended","x":{"a":[1,2,3]}}',
  bytes('{"errcode":"COM.EXAMPLE.CUSTOM","error":"Zugriff verweigert — ✓ \\ud83d\\ude00"}'),
  "<html><body>502 Bad Gateway</body></html>",
  bytes('{"errcode":"M_FORBIDDEN","error":"cut'),
  { errcode: "M_NOT_FOUND", error: "gone" },
  `{"errcode":"M_TOO_LARGE","pad":"${"x".repeat(70_000)}"}`,
];
const headers = new Headers({ "retry-after": "3" });

// The decoder over an instance held here, so its memory can be watched.
const instance = new WebAssembly.Instance(
  new WebAssembly.Module(readFileSync(new URL("../dist/decoder.wasm", import.meta.url))),
);
const memory = instance.exports.memory;
const wasmBefore = memory.buffer.byteLength;
const wasm = await createWasmDecoder(instance);
const decoders = [
  ["ts", decode],
  ["wasm", wasm.decode],
];

function heapAfterGc() {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

let failed = false;
for (const [name, run] of decoders) {
  const step = total / 10;
  const samples = [];
  let sink = 0;
  for (let i = 0; i < total; i++) {
    const err = run(inputs[i % inputs.length], { status: 429, headers, captureStack: i % 2 === 0 });
    sink += err.retryAfterMs ?? 0;
    if ((i + 1) % step === 0) samples.push(heapAfterGc());
  }
  const first = samples[1];
  const last = samples[samples.length - 1];
  const growth = last - first;
  const ok = growth < 4 * 1024 * 1024;
  failed ||= !ok;
  const mb = (n) => (n / 1024 / 1024).toFixed(2);
  console.log(
    `${ok ? "✔" : "✘"} ${name}: ${total.toLocaleString("en")} decodes; heap after GC per 10%: ${samples.map(mb).join(", ")} MB; growth from 20% to 100%: ${mb(growth)} MB (bound 4 MB); checksum ${sink}`,
  );
}
const wasmAfter = memory.buffer.byteLength;
failed ||= wasmAfter !== wasmBefore;
console.log(`${wasmAfter === wasmBefore ? "✔" : "✘"} wasm memory: ${wasmBefore} bytes before, ${wasmAfter} after`);
process.exit(failed ? 1 : 0);
