// The package as users get it: `npm pack` of this repository, installed offline into a fresh
// project in a temp dir. Used by every test that runs the package somewhere (Node, workerd, Deno,
// Bun, wrangler).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root directory. */
export const root = fileURLToPath(new URL("../../../", import.meta.url));

/** Runs a command to completion and returns its stdout; throws (with its stderr) if it fails. */
export function run(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  return execFileSync(command, args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    ...(env ? { env } : {}),
  });
}

/** What `npm pack` made. */
export interface Packed {
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** The paths inside the package, as npm lists them. */
  files: string[];
}

/**
 * Packs the repository into `dir` with `npm pack`. `npm test` has built `dist/` already, so the
 * `prepack` build is skipped here (test/prepack.test.ts checks that a fresh clone packs `dist/`).
 */
export function pack(dir: string): Packed {
  const args = ["pack", "--json", "--ignore-scripts", "--pack-destination", dir];
  const packed = JSON.parse(run("npm", args, root)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const first = packed[0];
  if (!first) throw new Error("npm pack printed nothing");
  return { tarball: join(dir, first.filename), files: first.files.map((f) => f.path) };
}

/**
 * Makes `app` a fresh ESM project (its package.json named `name`) and installs the tarball into
 * it offline, without install scripts, as a user's `npm install <tarball>` would.
 */
export function installInto(app: string, tarball: string, name = "app"): void {
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "package.json"), JSON.stringify({ name, private: true, type: "module" }));
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], app);
}
