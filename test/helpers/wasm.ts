// The WASM decoder as the suites see it, over the release module `npm run build` writes to dist/.
import { readFileSync } from "node:fs";
import type { Registry } from "../../src/index.js";
import { createWasmDecoder } from "../../src/wasm/core.js";
import type { Decoder } from "./decoder.js";

/** The release build of assembly/ (or the module at $MATRIX_ERRORS_WASM, e.g. the debug build), compiled once. */
export const decoderModule = new WebAssembly.Module(
  readFileSync(process.env.MATRIX_ERRORS_WASM ?? new URL("../../../dist/decoder.wasm", import.meta.url)),
);

/** A WASM decoder (its own instance) over a registry, in the suites' shape. */
export async function wasmDecoder(registry?: Registry, label = "wasm"): Promise<Decoder> {
  const wasm = await createWasmDecoder(decoderModule, registry === undefined ? undefined : { registry });
  return {
    label,
    decode: wasm.decode,
    decodeResponse: wasm.decodeResponse,
    withRegistry: (other) => wasmDecoder(other, "wasm(custom registry)"),
  };
}
