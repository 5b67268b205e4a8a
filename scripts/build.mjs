#!/usr/bin/env node
// The published dist/: tsc writes the declarations and one module per source file, then esbuild
// bundles them. Node pays per module it loads (28 modules imported in ~16 ms, the same code as one
// file in ~6 ms; three files cost ~1.5 ms more than one, Node 20), so `dist/index.js` is the whole
// library in one file, `src/internal.ts` included as its `__internal` export. `dist/codes.js`
// re-exports its table, and `dist/wasm/*` read what they share with it through `__internal`: every
// entry sees the same classes, registry and stack state. The bundles are minified for whitespace
// only: the declarations (.d.ts) carry the documentation.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../", import.meta.url));
const dist = join(root, "dist");
const WASM_ENTRIES = ["wasm/core", "wasm/node", "wasm/workerd", "wasm/browser"];

function run(command, args) {
  const { status } = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (status !== 0) process.exit(status || 1);
}

function filesUnder(dir) {
  // A fresh clone has no dist/ yet.
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

// Stale modules of an earlier build would be found by nothing, but would ship.
for (const file of filesUnder(dist)) if (file.endsWith(".js")) rmSync(file);
run("npx", ["asc", "--target", "release"]);
run("node", ["scripts/inline-wasm.mjs"]);
run("npx", ["tsc", "-p", "tsconfig.json"]);

const staging = join(root, "build", "bundle");
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
const common = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // Whitespace and comments only (names and the parentheses that make V8 compile the first
  // decode's functions early are kept): V8 scans every byte at import, and again at each lazy
  // compile. import 7.2 -> 6.3 ms, first decode 260 -> 160 us (Node 20, fresh processes).
  minifyWhitespace: true,
  // The Node loader's file read and the Workers loader's module import stay imports.
  external: ["node:*", "*.wasm"],
  logLevel: "warning",
};
// The main entry's wrapper, outside the staging directory (whose files all go to dist/).
const entry = join(root, "build", "index-entry.js");
writeFileSync(
  entry,
  `export * from ${JSON.stringify(join(dist, "index.js"))};\nexport * as __internal from ${JSON.stringify(join(dist, "internal.js"))};\n`,
);
await build({ ...common, entryPoints: [{ in: entry, out: "index" }], outdir: staging });
writeFileSync(join(staging, "codes.js"), 'export { CODES } from "./index.js";\n');
// What the WASM glue imports from `internal.js`, read from `__internal` of the main bundle.
const internalNames = [...readFileSync(join(dist, "internal.js"), "utf8").matchAll(/export \{([^}]*)\}/g)].flatMap(
  (match) => match[1].split(",").map((name) => name.trim()),
);
const internalLink = {
  name: "internal-link",
  setup(build) {
    build.onResolve({ filter: /\/internal\.js$/ }, (args) =>
      join(args.resolveDir, args.path) === join(dist, "internal.js")
        ? { path: "internal", namespace: "link" }
        : undefined,
    );
    // Every output of this build is in dist/wasm/: the main bundle is ../index.js from each.
    build.onResolve({ filter: /^\.\.\/index\.js$/, namespace: "link" }, (args) => ({
      path: args.path,
      external: true,
    }));
    build.onLoad({ filter: /.*/, namespace: "link" }, () => ({
      contents: `import { __internal } from "../index.js";\nexport const { ${internalNames.join(", ")} } = __internal;\n`,
      loader: "js",
    }));
  },
};
await build({
  ...common,
  entryPoints: WASM_ENTRIES.map((name) => ({ in: join(dist, `${name}.js`), out: name })),
  outdir: staging,
  // No chunk shared between the loaders: each is one file besides the main bundle (an app uses one).
  plugins: [internalLink],
});
// The command line on its own, in one file: it shares no chunk with the library, so it changes
// nothing of what importing `matrix-errors` loads.
await build({
  entryPoints: [{ in: join(dist, "cli.js"), out: "cli" }],
  outdir: staging,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "es2022",
  external: ["node:*", "*.wasm"],
  logLevel: "warning",
});
for (const file of filesUnder(dist)) if (file.endsWith(".js")) rmSync(file);
for (const file of filesUnder(staging)) renameSync(file, join(dist, relative(staging, file)));
rmSync(staging, { recursive: true, force: true });
rmSync(entry, { force: true });
