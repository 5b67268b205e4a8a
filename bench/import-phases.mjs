#!/usr/bin/env node
// Where `import` of dist/index.js spends its time, in fresh processes (issue 13's import target).
// Imports by path, so Node's bare-name resolution (~2 ms on Node 20, the bench's package bound
// pays it) is left out. Three copies of the built file, made at run time in a temporary directory:
//   empty      an empty module: what loading any module costs;
//   parse      the whole file inside a function never called: V8 scans and pre-parses every byte;
//   phases     the file as shipped with clock reads at the top, after the table, and at the end.
// Usage: node bench/import-phases.mjs [runs] [node binary …]   (npm run build first)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median } from "./lib/stats.mjs";

const dist = new URL("../dist/index.js", import.meta.url);
const source = readFileSync(dist, "utf8");
const exportAt = source.lastIndexOf("export{");
const tableEnd = source.indexOf("function nameOf(");
if (exportAt < 0 || tableEnd < 0) throw new Error("dist/index.js is not laid out as this script expects");
const body = source.slice(0, exportAt);

const dir = mkdtempSync(join(tmpdir(), "import-phases-"));
writeFileSync(join(dir, "empty.mjs"), "export const x = 1;\n");
writeFileSync(join(dir, "parse.mjs"), `function never(){${body}}\nexport const x = 1;\n`);
const mark = "globalThis.__phases.push(performance.now());";
writeFileSync(
  join(dir, "phases.mjs"),
  `globalThis.__phases=[performance.now()];${body.slice(0, tableEnd)};${mark}${body.slice(tableEnd)};${mark}\n${source.slice(exportAt)}`,
);
writeFileSync(
  join(dir, "probe.mjs"),
  `const t0 = performance.now();
await import(process.argv[2]);
const t1 = performance.now();
const p = globalThis.__phases ?? [t1, t1, t1];
console.log(JSON.stringify([t1 - t0, p[0] - t0, p[1] - p[0], p[2] - p[1], t1 - p[2]]));
`,
);

const runs = Number(process.argv[2] ?? 21);
const nodes = process.argv.length > 3 ? process.argv.slice(3) : [process.execPath];
try {
  for (const node of nodes) {
    const got = { empty: [], parse: [], phases: [] };
    // Interleaved, so drift of the machine falls on every variant alike.
    for (let i = 0; i < runs; i++) {
      for (const name of Object.keys(got)) {
        const out = execFileSync(node, [join(dir, "probe.mjs"), join(dir, `${name}.mjs`)], { encoding: "utf8" });
        got[name].push(JSON.parse(out));
      }
    }
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    const col = (name, k) => median(got[name].map((row) => row[k])).toFixed(2);
    console.log(`Node ${version}, ${runs} fresh processes each, medians in ms (by path, ${source.length} B file)`);
    console.log(`  empty module:                      ${col("empty", 0)}`);
    console.log(`  file pre-parsed, nothing run:      ${col("parse", 0)}`);
    console.log(`  file as shipped:                   ${col("phases", 0)}`);
    console.log(`    load + compile, before line 1:   ${col("phases", 1)}`);
    console.log(`    table (CODES) and data:          ${col("phases", 2)}`);
    console.log(`    classes, registry, the rest:     ${col("phases", 3)}`);
    console.log(`    after the last line:             ${col("phases", 4)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
