// The page of browser.test.ts, bundled by esbuild from the packed tarball with the `browser`
// condition and no `.wasm` configuration. It decodes what the server gives it and reports plain
// data (window.report); the test, in Node, judges it.
import * as lib from "matrix-errors";
import { decode, decodeResponse } from "matrix-errors";
import { createWasmDecoder } from "matrix-errors/wasm";

const SPECIAL = new Set(["class", "bodyErrcode", "bodyField", "messageNonEmpty", "noPollution", "rawStartsWith"]);

// undefined does not survive JSON: send it as a marker the test turns back.
const wire = (value) => (value === undefined ? { $undefined: true } : value);

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function formsOf(c) {
  if (c.inputs) return c.inputs;
  const forms = ["string", "bytes"];
  if (c.body !== null && isJson(c.body)) forms.push("object");
  return forms;
}

function inputOf(c, form) {
  const bytes = c.bytesHex !== undefined ? hexToBytes(c.bytesHex) : new TextEncoder().encode(c.body ?? "");
  if (form === "bytes") return bytes;
  const text = c.body ?? new TextDecoder().decode(bytes);
  return form === "string" ? text : JSON.parse(text);
}

/** What the test compares with a vector's `expect`: the named fields, read from the result. */
function observe(err, expect) {
  const fields = {};
  for (const key of Object.keys(expect)) if (!SPECIAL.has(key)) fields[key] = wire(err[key]);
  // `name` is the class name by contract; `constructor.name` is what DevTools shows, and what a
  // bundler may rename (esbuild renames a class that names itself in its own body).
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: classes are looked up by the vector's name
  const exported = lib[expect.class];
  const out = { name: err.name, constructorName: err.constructor.name, fields };
  out.isInstance = typeof exported === "function" && err instanceof exported;
  if ("bodyErrcode" in expect) out.bodyErrcode = wire(err.body.errcode);
  if (Array.isArray(expect.bodyField)) {
    const key = expect.bodyField[0];
    out.bodyField = { has: Object.hasOwn(err.body, key), value: wire(err.body[key]) };
  }
  out.messageLength = err.message.length;
  out.polluted = wire({}.polluted);
  out.bodyPrototypeIsObject = Object.getPrototypeOf(err.body) === Object.prototype;
  if (typeof err.raw === "string") out.raw = err.raw;
  return out;
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
      vectors.ts.push({ name: c.name, form, got: observe(decode(inputOf(c, form), init), c.expect) });
      vectors.wasm.push({ name: c.name, form, got: observe(wasm.decode(inputOf(c, form), init), c.expect) });
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
