#!/usr/bin/env node
// `npm test`: chromium for the browser test, lint and format check, generated-file check, build,
// type check (tests included), then every uvu test file. Stops at the first failing step.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";

const steps = [
  ["Debian's chromium for the browser test (installed when missing)", "bash", ["scripts/ensure-chromium.sh"]],
  ["lint + format (biome)", "npx", ["biome", "ci", "--reporter=summary", "."]],
  ["generated files are fresh", "node", ["scripts/gen.mjs", "--check"]],
  ["build", "npm", ["run", "--silent", "build"]],
  ["type check, tests included (tsc --noEmit strict)", "npx", ["tsc", "-p", "tsconfig.test.json", "--noEmit"]],
  ["compile tests", "npx", ["tsc", "-p", "tsconfig.test.json"]],
  ["tests (uvu)", "npx", ["uvu", "build/test", "\\.test\\.js$"]],
];

rmSync(new URL("../build/", import.meta.url), { recursive: true, force: true });
for (const [title, command, args] of steps) {
  console.log(`\n▶ ${title}`);
  const { status } = spawnSync(command, args, { stdio: "inherit" });
  if (status !== 0) {
    console.error(`\n✘ ${title} failed (exit ${status})`);
    process.exit(status || 1);
  }
}
