#!/usr/bin/env node
// `npm run bench` (from the root): builds the package, installs the bench package when
// bench/node_modules is missing (`npm ci --prefix bench`, from the committed lock file), then runs
// bench/main.mjs with the same arguments (`npm run bench -- --quick`). Node built-ins only, so it
// runs before anything is installed.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bench = fileURLToPath(new URL(".", import.meta.url));
const root = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function step(title, command, args, cwd) {
  process.stdout.write(`▶ ${title}\n`);
  const { status } = spawnSync(command, args, { cwd, stdio: "inherit" });
  if (status !== 0) {
    process.stderr.write(`✘ ${title} failed (exit ${status})\n`);
    process.exit(status || 1);
  }
}

const args = process.argv.slice(2);
if (!args.includes("--no-build")) step("build (npm run build)", npm, ["run", "--silent", "build"], root);
if (!existsSync(new URL("node_modules/", import.meta.url))) {
  // bench/.npmrc sets ignore-scripts: no contender needs an install script.
  step(
    "install the bench package (npm ci --prefix bench)",
    npm,
    ["ci", "--prefix", bench, "--no-audit", "--no-fund"],
    root,
  );
}
const { status } = spawnSync(process.execPath, [fileURLToPath(new URL("main.mjs", import.meta.url)), ...args], {
  cwd: bench,
  stdio: "inherit",
});
process.exit(status ?? 1);
