// A child process for the locked-down platform tests (issue 10, class 1): run it under
// `node --frozen-intrinsics`, or with "freeze" as its second argument to freeze `Error` before the
// package is imported. It decodes a good body with both decoders, through `decode` and
// `decodeResponse`, and prints one JSON line per call (or what was thrown).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [dist, mode] = process.argv.slice(2);
if (mode === "freeze") Object.freeze(Error);
const writable = (() => {
  try {
    Error.stackTraceLimit = 5;
    return Error.stackTraceLimit === 5;
  } catch {
    return false;
  }
})();

const lib = await import(pathToFileURL(join(dist, "index.js")).href);
const core = await import(pathToFileURL(join(dist, "wasm", "core.js")).href);
const wasm = await core.createWasmDecoder(readFileSync(join(dist, "decoder.wasm")));
const body = '{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":2000}';
const lines = [];

function describe(call, value) {
  return {
    call,
    name: value?.name,
    reason: value?.reason,
    retryAfterMs: value?.retryAfterMs,
    stack: typeof value?.stack,
  };
}

for (const [label, decoder] of [
  ["ts", lib],
  ["wasm", wasm],
]) {
  for (const captureStack of [true, false]) {
    const call = `${label}.decode captureStack ${captureStack}`;
    try {
      lines.push(describe(call, decoder.decode(body, { status: 429, captureStack })));
    } catch (error) {
      lines.push({ call, threw: String(error) });
    }
    const callResponse = `${label}.decodeResponse captureStack ${captureStack}`;
    try {
      const res = new Response(body, { status: 429, headers: { "content-type": "application/json" } });
      lines.push(describe(callResponse, await decoder.decodeResponse(res, { captureStack })));
    } catch (error) {
      lines.push({ call: callResponse, threw: String(error) });
    }
  }
}
console.log(JSON.stringify({ writable, lines }));
