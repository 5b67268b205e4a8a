/// <reference types="node" />
/**
 * `matrix-errors/wasm` in Node: {@link createWasmDecoder} with the bundled `decoder.wasm` as the
 * default module (read and compiled once).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { createWasmDecoder as create, type WasmDecoder, type WasmDecoderOptions, type WasmSource } from "./core.js";

export type { WasmDecoder, WasmDecoderOptions, WasmSource } from "./core.js";

let bundled: WebAssembly.Module | undefined;

// Read and compiled synchronously, once: 7 KB read in ~0.05 ms, and a synchronous compile saves
// the promise path's hops (createWasmDecoder 1.9 -> 1.4 ms in a fresh process).
function bundledModule(): WebAssembly.Module {
  bundled ??= new WebAssembly.Module(readFileSync(new URL("../decoder.wasm", import.meta.url)));
  return bundled;
}

/**
 * A decoder over the WASM scanner: `source` is a compiled module, an instance or its bytes, by
 * default the bundled `decoder.wasm`.
 *
 * @example
 * const wasm = await createWasmDecoder();
 * wasm.decode(bytes, { status: 429 }).retryAfterMs;
 */
export async function createWasmDecoder(source?: WasmSource, options?: WasmDecoderOptions): Promise<WasmDecoder> {
  return create(source ?? bundledModule(), options);
}
