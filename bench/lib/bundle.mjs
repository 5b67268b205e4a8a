// Bundle size as a browser app pays it: esbuild, minified, browser conditions, then gzip -9. Each
// entry is bundled twice: from the published dist/ (through the package's exports: the figure users
// pay) and from the source entries (src/index.ts, src/wasm/browser.ts), whose metafile names what
// each input module contributes (dist/ is itself esbuild's chunks, so its inputs name no module).
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = fileURLToPath(new URL("..", import.meta.url));
const DIST = { index: "matrix-errors", wasm: "matrix-errors/wasm" };
const ENTRIES = {
  decode: (f) => `export { decode } from "${f.index}";`,
  "decode + withRetry": (f) => `export { decode, withRetry } from "${f.index}";`,
  "decode + WASM decoder": (f) => `export { decode } from "${f.index}"; export { createWasmDecoder } from "${f.wasm}";`,
};

async function one(contents) {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    outdir: "out",
    // A .wasm file a loader references ships beside the bundle: counted, not inlined.
    loader: { ".wasm": "file" },
    logLevel: "silent",
  });
  const size = { minBytes: 0, gzipBytes: 0, wasmGzipBytes: 0 };
  for (const f of result.outputFiles) {
    const gz = gzipSync(f.contents, { level: 9 }).length;
    if (f.path.endsWith(".wasm")) size.wasmGzipBytes += gz;
    else if (f.path.endsWith(".js")) Object.assign(size, { minBytes: f.contents.length, gzipBytes: gz });
  }
  const out = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
  const modules = Object.entries(out.inputs)
    .map(([path, v]) => [path.replace(/^.*?\/?src\//, ""), v.bytesInOutput])
    .filter(([, b]) => b > 0)
    .sort((a, b) => b[1] - a[1]);
  return { ...size, modules };
}

/** The three bundles: dist's sizes, and the source bundle's size and per-module bytes. */
export async function bundleSizes(src) {
  const out = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    try {
      const dist = await one(entry(DIST));
      const own = await one(entry({ index: `${src}index.ts`, wasm: `${src}wasm/browser.ts` }));
      out[name] = { ...dist, src: { minBytes: own.minBytes, gzipBytes: own.gzipBytes }, modules: own.modules };
    } catch (error) {
      out[name] = { missing: error.errors?.[0]?.text ?? String(error) };
    }
  }
  return out;
}
