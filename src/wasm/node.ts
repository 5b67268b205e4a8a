/// <reference types="node" />
/**
 * `matrix-errors/wasm` in Node: {@link createWasmDecoder} with the bundled `decoder.wasm` as the
 * default module (read and compiled once).
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { createWasmDecoder as create, type WasmDecoder, type WasmDecoderOptions, type WasmSource } from "./core.js";

export type { WasmDecoder, WasmDecoderOptions, WasmSource } from "./core.js";

let bundled: Promise<WebAssembly.Module> | undefined;

function bundledModule(): Promise<WebAssembly.Module> {
  bundled ??= readFile(new URL("../decoder.wasm", import.meta.url)).then(
    (bytes) => WebAssembly.compile(bytes),
    (error: unknown) => {
      bundled = undefined;
      throw error;
    },
  );
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
  return create(source ?? (await bundledModule()), options);
}
