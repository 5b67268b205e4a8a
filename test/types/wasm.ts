// Compile-only type tests (tsc in npm test; never run): every form of module source that
// createWasmDecoder takes, through the core and each loader, and the decoder's signatures.
import { type decode, type ErrorResponse, Registry } from "../../src/index.js";
import { createWasmDecoder as fromBrowser } from "../../src/wasm/browser.js";
import { createWasmDecoder, type WasmDecoder, type WasmSource } from "../../src/wasm/core.js";
import { createWasmDecoder as fromNode } from "../../src/wasm/node.js";
import { createWasmDecoder as fromWorkerd } from "../../src/wasm/workerd.js";
import { type Equal, expectType } from "./expect.js";

export async function sources(module: WebAssembly.Module, instance: WebAssembly.Instance, bytes: Uint8Array) {
  const url = new URL("../decoder.wasm", import.meta.url);
  const fromUrl = await createWasmDecoder(url);
  expectType<Equal<typeof fromUrl, WasmDecoder>>(true);
  await createWasmDecoder(fetch(url));
  await createWasmDecoder(await fetch(url));
  await createWasmDecoder(fetch("/decoder.wasm"));
  await createWasmDecoder(module);
  await createWasmDecoder(instance);
  await createWasmDecoder(bytes);
  await createWasmDecoder(bytes.buffer);
  await createWasmDecoder(module, { registry: new Registry() });
  await createWasmDecoder(module, { registry: undefined });
  // @ts-expect-error the core never loads anything: a source is required
  await createWasmDecoder();
  // (No check that a string is refused: lib.dom's WebAssembly.Module is an empty interface, so any
  // non-nullish value is one to TypeScript; the run-time check refuses it.)
  // @ts-expect-error the registry option takes a Registry
  await createWasmDecoder(module, { registry: {} });

  // The loaders take the same sources, or none (their bundled module).
  for (const load of [fromNode, fromWorkerd, fromBrowser]) {
    const wasm = await load();
    expectType<Equal<typeof wasm, WasmDecoder>>(true);
    await load(url);
    await load(fetch(url));
    await load(module, { registry: new Registry() });
  }
  const source: WasmSource = fetch(url);
  await fromBrowser(source);
}

export async function decoding(
  wasm: WasmDecoder,
  res: Response,
  status: number | undefined,
  headers: Headers | undefined,
) {
  // The same signatures as the TypeScript decoder, optional values included.
  const fromBytes = wasm.decode(new Uint8Array(0), { status, headers });
  expectType<Equal<typeof fromBytes, ErrorResponse>>(true);
  expectType<Equal<Parameters<typeof wasm.decode>[1], Parameters<typeof decode>[1]>>(true);
  const fromRes = await wasm.decodeResponse(res, { signal: AbortSignal.timeout(1000), maxBytes: undefined });
  expectType<Equal<typeof fromRes, ErrorResponse>>(true);
}
