// The baseline contender: a git ref's library built into bench/.baseline/<sha>/ (git archive of the
// ref, the root node_modules symlinked, that commit's own build), cached by sha. The children load
// it from BENCH_BASELINE.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
// 0.1's build (package.json "build" at cc3e015); a later ref may name its own with --baseline-build.
const BUILD = "npx tsc -p tsconfig.json && npx asc --target release";

function sh(command, cwd) {
  const res = spawnSync("sh", ["-c", command], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`${command}: ${(res.stderr || res.stdout).slice(-600)}`);
  return res.stdout.trim();
}

/** Builds (or finds cached) the ref's dist; returns `{ ref, sha, dir }`. */
export function buildBaseline(ref, build = BUILD) {
  const sha = sh(`git rev-parse --verify ${JSON.stringify(`${ref}^{commit}`)}`, root);
  const dir = fileURLToPath(new URL(`../.baseline/${sha}/`, import.meta.url));
  if (!existsSync(`${dir}dist/.built`)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    sh(`git archive ${sha} | tar -x -C ${JSON.stringify(dir)}`, root);
    // Its biome.json would be a second root configuration for the root's `biome ci .`.
    rmSync(`${dir}biome.json`, { force: true });
    symlinkSync(`${root}node_modules`, `${dir}node_modules`);
    sh(build, dir);
    sh("touch dist/.built", dir);
  }
  return { ref, sha: sha.slice(0, 7), dir };
}
