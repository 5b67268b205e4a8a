// Bundle size as a browser app pays it: esbuild, minified, browser conditions, then gzip -9; with
// what each input module contributes (esbuild's metafile, bytes in the minified output).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = fileURLToPath(new URL("..", import.meta.url));
const ENTRIES = {
  decode: 'import { decode } from "matrix-errors"; export { decode };',
  "decode + withRetry": 'import { decode, withRetry } from "matrix-errors"; export { decode, withRetry };',
  "decode + WASM decoder":
    'import { decode } from "matrix-errors"; import { createWasmDecoder } from "matrix-errors/wasm"; export { decode, createWasmDecoder };',
};

async function one(contents) {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    outdir: "out",
    // A .wasm file the loader references ships beside the bundle: counted, not inlined.
    loader: { ".wasm": "file" },
    logLevel: "silent",
  });
  let js = 0;
  let gzip = 0;
  let wasm = 0;
  for (const f of result.outputFiles) {
    if (f.path.endsWith(".wasm")) wasm += gzipSync(f.contents, { level: 9 }).length;
    else if (f.path.endsWith(".js")) {
      js += f.contents.length;
      gzip += gzipSync(f.contents, { level: 9 }).length;
    }
  }
  const out = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined || o.inputs);
  const modules = Object.entries(out.inputs)
    .map(([path, v]) => [path.replace(/^.*?dist\//, ""), v.bytesInOutput])
    .filter(([, b]) => b > 0)
    .sort((a, b) => b[1] - a[1]);
  return { minBytes: js, gzipBytes: gzip, wasmGzipBytes: wasm, modules };
}

/** The three bundles; an entry whose export is not in the build is reported as such. */
export async function bundleSizes() {
  const index = readFileSync(new URL(import.meta.resolve("matrix-errors")), "utf8");
  const out = {};
  for (const [name, contents] of Object.entries(ENTRIES)) {
    if (name.includes("withRetry") && !/\bwithRetry\b/.test(index))
      out[name] = { missing: "withRetry: not in this build" };
    else out[name] = await one(contents).catch((error) => ({ missing: error.errors?.[0]?.text ?? String(error) }));
  }
  return out;
}
