// The page of browser.test.ts, bundled by esbuild from the packed tarball with the `browser`
// condition and no `.wasm` configuration. It decodes what the server gives it and reports plain
// data (window.report); the test, in Node, judges it.
import * as lib from "matrix-errors";
import { decode, decodeResponse } from "matrix-errors";
import { createWasmDecoder } from "matrix-errors/wasm";
import { expectMisses, formsOf, inputOf } from "./check-vectors.mjs";

// undefined does not survive JSON: send it as a marker the test turns back.
const wire = (value) => (value === undefined ? { $undefined: true } : value);

/** What the test judges: the vector checker's misses, run here, and what only a page can tell. */
function observe(err, c) {
  // `name` is the class name by contract; `constructor.name` is what DevTools shows, and what a
  // bundler may rename (esbuild renames a class that names itself in its own body).
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: classes are looked up by the vector's name
  const exported = lib[c.expect.class];
  return {
    misses: expectMisses(err, c),
    constructorName: err.constructor.name,
    isInstance: typeof exported === "function" && err instanceof exported,
  };
}

function summary(err) {
  return {
    class: err.name,
    errcode: err.errcode,
    status: wire(err.status),
    retryAfterMs: wire(err.retryAfterMs),
    reason: wire(err.reason),
    raw: wire(err.raw),
  };
}

async function run() {
  const other = new URLSearchParams(location.search).get("other");
  const { cases } = await (await fetch("/vectors.json")).json();
  const wasm = await createWasmDecoder();
  const vectors = { ts: [], wasm: [] };
  for (const c of cases) {
    const init = { status: c.status, headers: c.headers, now: c.now };
    for (const form of formsOf(c)) {
      vectors.ts.push({ name: c.name, form, got: observe(decode(inputOf(c, form), init), c) });
      vectors.wasm.push({ name: c.name, form, got: observe(wasm.decode(inputOf(c, form), init), c) });
    }
  }
  const decoders = { ts: decodeResponse, wasm: wasm.decodeResponse };
  const responses = {};
  const endpoints = {
    sameOrigin429: "/stub/429",
    crossOrigin429: `${other}/stub/429`,
    crossOrigin429Exposed: `${other}/stub/429-exposed`,
    html502: "/stub/502",
  };
  for (const [label, decodeWith] of Object.entries(decoders)) {
    for (const [name, url] of Object.entries(endpoints)) {
      const res = await fetch(url);
      responses[`${label} ${name}`] = {
        seenRetryAfter: wire(res.headers.get("retry-after") ?? undefined),
        ...summary(await decodeWith(res)),
      };
    }
  }
  // The other sources createWasmDecoder takes, fetched from this page's server.
  const limited = '{"errcode":"M_LIMIT_EXCEEDED","error":"slow","retry_after_ms":1500}';
  const sources = {
    url: () => createWasmDecoder(new URL("/decoder.wasm", location.href)),
    response: async () => createWasmDecoder(await fetch("/decoder.wasm")),
    promiseOfResponse: () => createWasmDecoder(fetch("/decoder.wasm")),
    wrongMimeType: () => createWasmDecoder(fetch("/decoder-octet-stream.wasm")),
    module: async () =>
      createWasmDecoder(await WebAssembly.compile(await (await fetch("/decoder.wasm")).arrayBuffer())),
  };
  const loaded = {};
  for (const [name, load] of Object.entries(sources)) {
    try {
      loaded[name] = summary((await load()).decode(limited, { status: 429 }));
    } catch (error) {
      loaded[name] = { error: String(error) };
    }
  }
  let notFound;
  try {
    await createWasmDecoder(fetch("/missing.wasm"));
    notFound = "resolved";
  } catch (error) {
    notFound = String(error);
  }
  return { vectors, responses, loaded, notFound };
}

window.report = run().then(
  (result) => ({ ok: true, result }),
  (error) => ({ ok: false, error: String(error?.stack ?? error) }),
);
