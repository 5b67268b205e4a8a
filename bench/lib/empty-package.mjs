// An empty package, made in bench/node_modules at run time: the floor of `import("matrix-errors")`,
// which pays Node's resolution of a bare name (node_modules, package.json, the exports map) before
// the module itself. Its layout is matrix-errors' own: `dist/index.js` behind a conditional export.
import { mkdirSync, writeFileSync } from "node:fs";

export const EMPTY_PACKAGE = "bench-empty-package";

/** Writes the package (idempotent). */
export function makeEmptyPackage() {
  const dir = new URL(`../node_modules/${EMPTY_PACKAGE}/`, import.meta.url);
  mkdirSync(new URL("dist/", dir), { recursive: true });
  const manifest = {
    name: EMPTY_PACKAGE,
    version: "0.0.0",
    type: "module",
    sideEffects: false,
    exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" },
  };
  writeFileSync(new URL("package.json", dir), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(new URL("dist/index.js", dir), "export const decode = () => undefined;\n");
}
