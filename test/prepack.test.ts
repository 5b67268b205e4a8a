// Install, as issue 12 found it: a fresh clone packed 3 files (no dist/). `prepack` builds, so
// `npm pack` of a fresh clone ships dist/ (the TS build, the .wasm and the inlined module).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { root } from "./helpers/pack.js";

test("npm pack of a fresh clone builds first and ships dist/ (README: install from a clone or a tarball)", () => {
  const dir = mkdtempSync(join(tmpdir(), "matrix-errors-clone-"));
  try {
    execFileSync("git", ["clone", "-q", "--no-hardlinks", root, join(dir, "clone")], { stdio: "pipe" });
    const clone = join(dir, "clone");
    // The clone's dev dependencies: the ones installed here (the build needs asc and tsc).
    symlinkSync(join(root, "node_modules"), join(clone, "node_modules"));
    const out = execFileSync("npm", ["pack", "--json", "--dry-run"], { cwd: clone, encoding: "utf8", stdio: "pipe" });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const path of [
      "dist/index.js",
      "dist/index.d.ts",
      "dist/decoder.wasm",
      "dist/wasm/browser.js",
      "dist/cli.js",
    ]) {
      assert.ok(files.includes(path), `${path} is packed (${files.length} files)`);
    }
    console.log(`  covered: a fresh clone packs ${files.length} files`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
