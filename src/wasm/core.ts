/**
 * The WASM decoder: the shared decode path (front end, builder, stack policy) with the
 * AssemblyScript scanner as its parser. Takes a module in any form; never loads anything itself
 * (the Node, Workers and browser loaders do).
 *
 * @module
 */
import type { Decoder } from "../decoder.js";
import { decoderOf } from "../internal.js";
import type { Registry } from "../registry.js";
import { FINGERPRINT } from "./interface.gen.js";
import { type ScannerExports, scannerParser } from "./scanner.js";
import { instantiateSource, type WasmSource } from "./source.js";

export type { WasmSource } from "./source.js";

/** Options of {@link createWasmDecoder}. */
export interface WasmDecoderOptions {
  /** The registry whose classes decoded errors get (default: the default registry). */
  registry?: Registry | undefined;
}

/** `decode` and `decodeResponse` over the WASM scanner: the same results as the TypeScript ones. */
export type WasmDecoder = Decoder;

const EXPORTS = ["inputPointer", "inputCapacity", "resultPointer", "numbersPointer", "fingerprint", "scan"] as const;

function scannerOf(instance: WebAssembly.Instance): ScannerExports {
  const exports = instance.exports as Partial<ScannerExports>;
  for (const name of EXPORTS) {
    if (typeof exports[name] !== "function") {
      throw new TypeError(`matrix-errors: not the matrix-errors decoder module (no export ${name})`);
    }
  }
  if (!(exports.memory instanceof WebAssembly.Memory)) {
    throw new TypeError("matrix-errors: not the matrix-errors decoder module (no memory)");
  }
  const scanner = exports as ScannerExports;
  // A module of another build reads another table: refused here, never a wrong class later.
  if (scanner.fingerprint() !== FINGERPRINT) {
    throw new TypeError(
      "matrix-errors: the decoder module is from another build of matrix-errors than this code (a stale cached decoder.wasm, or two copies in one bundle); load the decoder.wasm of this package",
    );
  }
  return scanner;
}

/**
 * A decoder over the WASM scanner. Each decoder has its own instance (its own fixed memory).
 *
 * @example
 * const wasm = await createWasmDecoder(mod); // Workers: import mod from "matrix-errors/decoder.wasm"
 * const err = wasm.decode(new Uint8Array(await res.arrayBuffer()), { status: res.status });
 */
export async function createWasmDecoder(source: WasmSource, options?: WasmDecoderOptions): Promise<WasmDecoder> {
  const registry = options?.registry;
  if (registry !== undefined && typeof (registry as Partial<Registry>).get !== "function") {
    throw new TypeError("matrix-errors: options.registry must be a Registry");
  }
  return decoderOf(scannerParser(scannerOf(await instantiateSource(source))), registry);
}
