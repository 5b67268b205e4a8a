/**
 * `matrix-errors/wasm` in Workers (and other runtimes that import `.wasm` files as compiled
 * modules): {@link createWasmDecoder} with the bundled module as the default. Nothing is compiled
 * from bytes, which Workers refuse.
 *
 * @module
 */
import decoderModule from "../decoder.wasm";
import { createWasmDecoder as create, type WasmDecoder, type WasmDecoderOptions, type WasmSource } from "./core.js";

export type { WasmDecoder, WasmDecoderOptions, WasmSource } from "./core.js";

/**
 * A decoder over the WASM scanner: `source` is a compiled module or an instance, by default the
 * bundled `decoder.wasm`.
 *
 * @example
 * const wasm = await createWasmDecoder();
 * const err = await wasm.decodeResponse(res);
 */
export function createWasmDecoder(source?: WasmSource, options?: WasmDecoderOptions): Promise<WasmDecoder> {
  return create(source ?? decoderModule, options);
}
