#!/usr/bin/env node
// Writes every file generated from the errcode table (src/codes.ts), or with --check fails
// when one is stale. The table is read by transpiling it with esbuild, so generation does not
// depend on a previous build.
import { readFile, writeFile } from "node:fs/promises";
import { transform } from "esbuild";
import { generators } from "./gen/index.mjs";

const root = new URL("../", import.meta.url);
const check = process.argv.includes("--check");

const source = await readFile(new URL("src/codes.ts", root), "utf8");
const { code } = await transform(source, { loader: "ts", format: "esm" });
const { CODES } = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);

let stale = 0;
for (const { path, render } of generators) {
  const url = new URL(path, root);
  const current = await readFile(url, "utf8").catch(() => "");
  const next = await render(CODES, current);
  if (current === next) continue;
  if (check) {
    console.error(`stale: ${path} (run npm run gen)`);
    stale++;
  } else {
    await writeFile(url, next);
    console.log(`wrote ${path}`);
  }
}
if (stale > 0) process.exit(1);
if (check) console.log(`generated files are up to date (${generators.length} checked)`);
