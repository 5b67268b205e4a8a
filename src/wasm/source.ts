/**
 * Turns whatever a caller holds of the decoder module (compiled, instantiated, its bytes, where
 * to fetch it, or the fetch itself) into an instance. Web standards only: no loader of its own.
 *
 * @module
 */

/**
 * The decoder module: compiled (Workers: `import mod from "matrix-errors/decoder.wasm"`),
 * instantiated, its bytes, a `URL` to fetch it from, or a fetch `Response` (or its promise).
 */
export type WasmSource =
  | WebAssembly.Module
  | WebAssembly.Instance
  | BufferSource
  | URL
  | Response
  | PromiseLike<Response>;

// Symbol.toStringTag, not instanceof: a module compiled in another realm (an iframe, a worker's
// structured clone) is still a module.
const tag = (value: object): string => Object.prototype.toString.call(value);

function isBufferSource(value: object): value is BufferSource {
  const t = tag(value);
  return ArrayBuffer.isView(value) || t === "[object ArrayBuffer]" || t === "[object SharedArrayBuffer]";
}

function isResponse(value: object): value is Response {
  const r = value as Partial<Response>;
  return typeof r.arrayBuffer === "function" && typeof r.headers === "object" && typeof r.status === "number";
}

function isThenable(value: object): value is PromiseLike<Response> {
  return typeof (value as { then?: unknown }).then === "function";
}

async function instantiateModule(module: WebAssembly.Module): Promise<WebAssembly.Instance> {
  try {
    // Synchronous instantiation of a compiled module takes half the time of the promise path.
    return new WebAssembly.Instance(module, {});
  } catch (error) {
    // Browsers may refuse synchronous work on big modules on the main thread (a RangeError);
    // anything else (a LinkError) would fail the same way asynchronously.
    if (!(error instanceof RangeError)) throw error;
    return WebAssembly.instantiate(module, {});
  }
}

function isWasmType(res: Response): boolean {
  const type = res.headers.get("content-type");
  return type !== null && type.split(";", 1)[0]?.trim().toLowerCase() === "application/wasm";
}

async function instantiateResponse(pending: Response | PromiseLike<Response>): Promise<WebAssembly.Instance> {
  const res = await pending;
  if (!isResponse(res)) throw new TypeError("matrix-errors: the promise given as the decoder module gave no Response");
  if (!res.ok) {
    const from = typeof res.url === "string" && res.url !== "" ? ` from ${res.url}` : "";
    throw new Error(`matrix-errors: could not load the decoder module (HTTP ${res.status}${from})`);
  }
  // compileStreaming compiles while the bytes arrive, but only for `application/wasm`: a server
  // with the wrong MIME type (or a runtime without it) gets the bytes read whole instead.
  if (typeof WebAssembly.compileStreaming === "function" && isWasmType(res)) {
    try {
      return await instantiateModule(await WebAssembly.compileStreaming(res));
    } catch (error) {
      if (res.bodyUsed) throw error;
    }
  }
  return (await WebAssembly.instantiate(await res.arrayBuffer(), {})).instance;
}

/**
 * An instance of the decoder module from any {@link WasmSource}. A compiled module is
 * instantiated, never recompiled (Workers refuse to compile from bytes); bytes are compiled; a
 * `URL` is fetched; a `Response` is compiled as it streams when its MIME type is
 * `application/wasm`, else read whole.
 *
 * @example
 * const instance = await instantiateSource(fetch(new URL("./decoder.wasm", location.href)));
 */
export async function instantiateSource(source: WasmSource): Promise<WebAssembly.Instance> {
  if (typeof source !== "object" || source === null) {
    throw new TypeError(
      `matrix-errors: the decoder module must be a WebAssembly.Module, an Instance, bytes, a URL or a Response, not ${source === null ? "null" : typeof source}`,
    );
  }
  const t = tag(source);
  if (t === "[object WebAssembly.Instance]") return source as WebAssembly.Instance;
  if (t === "[object WebAssembly.Module]") return instantiateModule(source as WebAssembly.Module);
  if (isBufferSource(source)) return (await WebAssembly.instantiate(source, {})).instance;
  if (t === "[object URL]") return instantiateResponse(fetch(source as URL));
  if (isResponse(source) || isThenable(source)) return instantiateResponse(source);
  throw new TypeError(
    `matrix-errors: the decoder module must be a WebAssembly.Module, an Instance, bytes, a URL or a Response, not ${t}`,
  );
}
