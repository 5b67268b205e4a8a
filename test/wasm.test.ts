// The decoding suites, run against the WASM decoder, and what is particular to it: its sources,
// its loaders, and the bodies it hands back to the TypeScript path.
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CustomErrorResponse, decode, LimitExceeded, type NonMatrixResponse } from "../src/index.js";
import { createWasmDecoder, type WasmDecoder } from "../src/wasm/core.js";
import { decoderModule, wasmDecoder } from "./helpers/wasm.js";
import { badInputSuite } from "./suites/bad-input.js";
import { hostileSuite } from "./suites/hostile.js";
import { registrySuite } from "./suites/registry.js";
import { responseSuite } from "./suites/response.js";
import { semanticsSuite } from "./suites/semantics.js";
import { vectorSuite } from "./suites/vectors.js";

const wasm = await wasmDecoder();

vectorSuite(wasm);
semanticsSuite(wasm);
badInputSuite(wasm);
responseSuite(wasm);
registrySuite(wasm);
hostileSuite(wasm);

const body = '{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":2000}';

function check(decoder: WasmDecoder, where: string): void {
  const result = decoder.decode(new TextEncoder().encode(body), { status: 429 });
  assert.instance(result, LimitExceeded, where);
  assert.is(result.retryAfterMs, 2000, where);
}

test("wasm: createWasmDecoder takes a module, an instance, or the module's bytes", async () => {
  const bytes = readFileSync(new URL("../../dist/decoder.wasm", import.meta.url));
  check(await createWasmDecoder(decoderModule), "module");
  check(await createWasmDecoder(new WebAssembly.Instance(decoderModule, {})), "instance");
  check(await createWasmDecoder(bytes), "bytes");
  check(await createWasmDecoder(new Uint8Array(bytes).buffer), "ArrayBuffer");
});

test("wasm: a module that is not the decoder is a TypeError when the decoder is created", async () => {
  // The smallest valid module: no exports.
  const empty = new WebAssembly.Module(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  try {
    await createWasmDecoder(empty);
    assert.unreachable("no error");
  } catch (error) {
    assert.instance(error, TypeError);
    assert.match((error as Error).message, /not the matrix-errors decoder module/);
  }
});

test("wasm: the Node loader (the package's `matrix-errors/wasm` in Node) reads the bundled module", async () => {
  // The built package, as `npm run build` leaves it; its classes are dist's, so compare by name.
  const loader = new URL("../../dist/wasm/node.js", import.meta.url).href;
  const { createWasmDecoder: load } = (await import(loader)) as typeof import("../src/wasm/node.js");
  const [a, b] = await Promise.all([load(), load()]);
  for (const decoder of [a, b]) {
    const result = decoder.decode(body);
    assert.is(result.name, "LimitExceeded");
    assert.is(result.retryAfterMs, 2000);
  }
});

test("wasm: the TypeScript path takes over where the scanner's buffer cannot", () => {
  const big = JSON.stringify({ errcode: "M_TOO_LARGE", error: "big", pad: "x".repeat(200_000) });
  const nonAscii = JSON.stringify({ errcode: "M_FORBIDDEN", error: "é", pad: "é".repeat(40_000) });
  for (const input of [big, new TextEncoder().encode(big), nonAscii, new TextEncoder().encode(nonAscii)]) {
    const a = wasm.decode(input, { maxBytes: 1_000_000 });
    const b = decode(input, { maxBytes: 1_000_000 });
    assert.is(a.name, b.name);
    assert.is(a.message, b.message);
    assert.equal(a.body, b.body);
  }
});

test("wasm: raw lone surrogates in a string (which encodeInto would replace) decode as JSON.parse reads them", () => {
  for (const text of ['{"errcode":"M_FORBIDDEN","error":"a\ud800b"}', '{"errcode":"M_\udc00","error":"\udbff"}']) {
    const a = wasm.decode(text);
    const b = decode(text);
    assert.is(a.name, b.name);
    assert.is(a.errcode, b.errcode);
    assert.is(a.message, b.message);
    assert.equal(a.body, b.body);
  }
});

test("wasm: the body is parsed on first read, from a copy of the caller's bytes", () => {
  const bytes = new TextEncoder().encode('{"errcode":"COM.X","error":"x","n":[1]}');
  const result = wasm.decode(bytes);
  bytes.fill(0x20);
  assert.instance(result, CustomErrorResponse);
  assert.equal(result.body, { errcode: "COM.X", error: "x", n: [1] });
  assert.is(result.body, result.body, "parsed once");
});

test("wasm: 65,535 levels of nesting in 64 KiB, and unbalanced nesting", () => {
  const depth = 32_000;
  const deep = `{"errcode":"M_FORBIDDEN","x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  assert.is(wasm.decode(deep).errcode, "M_FORBIDDEN");
  const open = "[".repeat(65_536);
  assert.is((wasm.decode(open) as NonMatrixResponse).reason, "not_json");
  const objects = `{"errcode":"M_FORBIDDEN","x":${'{"a":'.repeat(6_000)}1${"}".repeat(6_000)}}`;
  assert.is(wasm.decode(new TextEncoder().encode(objects)).name, "Forbidden");
  const crossed = `{"errcode":"M_FORBIDDEN","x":${"[{".repeat(100)}${"]}".repeat(100)}}`;
  assert.is((wasm.decode(crossed) as NonMatrixResponse).reason, "not_json");
});

test.run();
