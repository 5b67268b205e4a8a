/**
 * `matrix-errors/wasm` in browsers: {@link createWasmDecoder} with the decoder module inlined in
 * the JavaScript as the default, so esbuild, Vite and webpack bundle it with no `.wasm`
 * configuration and nothing is fetched at run time.
 *
 * @module
 */
import { createWasmDecoder as create, type WasmDecoder, type WasmDecoderOptions } from "./core.js";
import { decoderBase64 } from "./inline.gen.js";
import { instantiateSource, type WasmSource } from "./source.js";

export type { WasmDecoder, WasmDecoderOptions } from "./core.js";
export type { WasmSource } from "./source.js";

let inlined: Promise<WebAssembly.Module> | undefined;

function inlinedModule(): Promise<WebAssembly.Module> {
  if (inlined === undefined) {
    const text = atob(decoderBase64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    // Compiled once per page; every decoder then gets its own instance of it.
    inlined = WebAssembly.compile(bytes).catch((error: unknown) => {
      inlined = undefined;
      throw error;
    });
  }
  return inlined;
}

/**
 * A decoder over the WASM scanner: `source` is a compiled module, an instance, its bytes, a `URL`
 * or a `Response` (or its promise), by default the module inlined in this file.
 *
 * @example
 * const wasm = await createWasmDecoder();
 * const err = await wasm.decodeResponse(await fetch(url));
 */
export async function createWasmDecoder(source?: WasmSource, options?: WasmDecoderOptions): Promise<WasmDecoder> {
  return create(await instantiateSource(source ?? (await inlinedModule())), options);
}
