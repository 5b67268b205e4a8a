// One cold sample in a fresh process: `node lib/cold.mjs <ts|wasm|floor>` prints `RESULT <json>`.
// Before the clock: the corpus is built and the fetch globals are loaded (Node loads them lazily),
// so the import is the package's own cost.
import { loadCorpus } from "./corpus.mjs";
import { CLASSES_PACKAGE, EMPTY_PACKAGE } from "./floor-packages.mjs";

const what = process.argv[2];
const entries = loadCorpus().map((e) => ({ text: e.body, init: { status: e.status, headers: e.headers } }));
new Response(new Headers().get("x") ?? "").headers.get("x");
const us = (t0) => (performance.now() - t0) * 1000;
const out = {};
let sink;

async function decodes(decode) {
  let t0 = performance.now();
  sink = decode(entries[0].text, entries[0].init);
  out.firstUs = us(t0);
  t0 = performance.now() - out.firstUs / 1000;
  for (let i = 1; i < entries.length; i++) sink = decode(entries[i].text, entries[i].init);
  out.first1000Ms = us(t0) / 1000;
}

if (what === "ts") {
  const t0 = performance.now();
  const { decode } = await import("matrix-errors");
  out.importMs = us(t0) / 1000;
  await decodes(decode);
} else if (what === "wasm") {
  let t0 = performance.now();
  const { createWasmDecoder } = await import("matrix-errors/wasm");
  out.importMs = us(t0) / 1000;
  t0 = performance.now();
  const wasm = await createWasmDecoder();
  out.setupMs = us(t0) / 1000;
  await decodes(wasm.decode);
} else if (what === "package") {
  // The floor of an import by name: an empty package laid out as this one is (`dist/index.js`
  // behind an exports map), so the resolver's cold start counts on both sides.
  const t0 = performance.now();
  sink = await import(EMPTY_PACKAGE);
  out.importMs = us(t0) / 1000;
} else if (what === "classes") {
  // The least a package with a class per errcode costs (lib/floor-packages.mjs), by name.
  const t0 = performance.now();
  const { decode } = await import(CLASSES_PACKAGE);
  out.importMs = us(t0) / 1000;
  await decodes(decode);
} else {
  // The floors: an empty module's import; the first JSON.parse + `new` of a `class extends Error`.
  let t0 = performance.now();
  await import("./empty.mjs");
  out.importMs = us(t0) / 1000;
  t0 = performance.now();
  class Failed extends Error {}
  const body = JSON.parse(entries[0].text);
  sink = new Failed(body.error);
  out.firstUs = us(t0);
}
if (sink === undefined) throw new Error("nothing decoded");
process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
