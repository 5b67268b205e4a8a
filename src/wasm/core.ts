/**
 * The WASM decoder: the TypeScript decoder's front end and result classes around the
 * AssemblyScript scanner. Takes a compiled module, an instance or the module's bytes; never
 * loads anything itself (the Node and Workers loaders do).
 *
 * @module
 */
import type { ErrorResponse } from "../errors.js";
import { registry as defaultRegistry, type Registry } from "../registry.js";
import { decodeResponseWith } from "../response.js";
import type { DecodeInit, ResponseDecodeOptions } from "../types.js";
import { type ScannerExports, scannerParser } from "./scanner.js";

/** The decoder module: compiled (Workers: `import mod from "matrix-errors/decoder.wasm"`), instantiated, or its bytes. */
export type WasmSource = WebAssembly.Module | WebAssembly.Instance | BufferSource;

/** Options of {@link createWasmDecoder}. */
export interface WasmDecoderOptions {
  /** The registry whose classes decoded errors get (default: the default registry). */
  registry?: Registry;
}

/** `decode` and `decodeResponse` over the WASM scanner: the same results as the TypeScript ones. */
export interface WasmDecoder {
  /** As `decode`: a parsed object, a JSON string or UTF-8 bytes to an `ErrorResponse`. Never throws. */
  decode(input: unknown, init?: DecodeInit): ErrorResponse;
  /** As `decodeResponse`: reads a fetch `Response` (at most `maxBytes`) and decodes it. Never rejects. */
  decodeResponse(res: Response, options?: ResponseDecodeOptions): Promise<ErrorResponse>;
}

function scannerOf(instance: WebAssembly.Instance): ScannerExports {
  const exports = instance.exports as Partial<ScannerExports>;
  for (const name of ["inputPointer", "inputCapacity", "resultPointer", "numbersPointer", "scan"] as const) {
    if (typeof exports[name] !== "function") {
      throw new TypeError(`matrix-errors: not the matrix-errors decoder module (no export ${name})`);
    }
  }
  if (!(exports.memory instanceof WebAssembly.Memory)) {
    throw new TypeError("matrix-errors: not the matrix-errors decoder module (no memory)");
  }
  return exports as ScannerExports;
}

async function instantiate(source: WasmSource): Promise<WebAssembly.Instance> {
  if (source instanceof WebAssembly.Instance) return source;
  if (source instanceof WebAssembly.Module) {
    // Synchronous instantiation of a compiled module takes half the time of the promise path;
    // browsers that refuse it on the main thread (a RangeError) get the promise path.
    try {
      return new WebAssembly.Instance(source, {});
    } catch {
      return WebAssembly.instantiate(source, {});
    }
  }
  return (await WebAssembly.instantiate(source, {})).instance;
}

/**
 * A decoder over the WASM scanner. Each decoder has its own instance (its own fixed memory).
 *
 * @example
 * const wasm = await createWasmDecoder(mod); // Workers: import mod from "matrix-errors/decoder.wasm"
 * const err = wasm.decode(new Uint8Array(await res.arrayBuffer()), { status: res.status });
 */
export async function createWasmDecoder(source: WasmSource, options?: WasmDecoderOptions): Promise<WasmDecoder> {
  const registry = options?.registry ?? defaultRegistry;
  const parser = scannerParser(scannerOf(await instantiate(source)), registry);
  // Registry.decode with the scanner as its parsing stage.
  const decode = (input: unknown, init?: DecodeInit): ErrorResponse => registry.decodeWith(input, init, parser, decode);
  return {
    decode,
    decodeResponse: (res, opts) => decodeResponseWith(res, opts, decode),
  };
}
