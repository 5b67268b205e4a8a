// Runs inside Deno or Bun, from a project with the packed package installed (test/deno.test.ts
// and test/bun.test.ts copy it there with check-vectors.mjs). Argument: the path of the shared
// vectors file. Prints one line, `MATRIX_ERRORS_RESULT <json>`: the runtime, which loader
// `matrix-errors/wasm` resolved to, the vector check's counts and mismatches, and the stacks of
// errors decoded here (they must point at this file, the caller).
import { CODES, decode, decodeResponse } from "matrix-errors";
import { createWasmDecoder } from "matrix-errors/wasm";
import { checkVectors } from "./check-vectors.mjs";

function runtime() {
  if (typeof globalThis.Deno !== "undefined") {
    return { name: "deno", version: globalThis.Deno.version.deno, args: globalThis.Deno.args };
  }
  if (typeof globalThis.Bun !== "undefined") {
    return { name: "bun", version: globalThis.Bun.version, args: globalThis.Bun.argv.slice(2) };
  }
  throw new Error("neither Deno nor Bun");
}

const { name, version, args } = runtime();
const vectorsPath = args[0];
if (!vectorsPath) throw new Error("usage: in-runtime.mjs <vectors.json>");
// Loaded by path (absolute, or relative to this file) with the runtime's own JSON module import.
const vectors = (await import(new URL(vectorsPath, import.meta.url).href, { with: { type: "json" } })).default;

const wasm = await createWasmDecoder();
const result = checkVectors({ cases: vectors.cases, decode, wasmDecode: wasm.decode, codes: CODES });

// Errors made here, by each decoder and by decodeResponse on a real Response.
const body = '{"errcode":"M_LIMIT_EXCEEDED","error":"slow","retry_after_ms":1500}';
const response = () => new Response(body, { status: 429, headers: { "retry-after": "2" } });
const made = {
  decode: decode(body, { status: 429 }),
  wasmDecode: wasm.decode(new TextEncoder().encode(body), { status: 429 }),
  decodeResponse: await decodeResponse(response()),
  wasmDecodeResponse: await wasm.decodeResponse(response()),
};
const stacks = Object.fromEntries(
  Object.entries(made).map(([how, err]) => [how, { cls: err.constructor.name, stack: String(err.stack) }]),
);

const report = {
  runtime: name,
  version,
  loader: import.meta.resolve("matrix-errors/wasm").replace(/^.*\/node_modules\//, ""),
  caller: import.meta.url,
  ...result,
  stacks,
};
console.log(`MATRIX_ERRORS_RESULT ${JSON.stringify(report)}`);
