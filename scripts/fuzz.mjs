#!/usr/bin/env node
// `npm run fuzz`: the WASM ≡ TS differential properties (test/differential.test.ts), run longer than
// `npm test` runs them: 1,000,000 inputs by default (nine tenths from fast-check's arbitraries, one
// tenth from our adversarial generator, test/helpers/adversarial.ts), or `npm run fuzz -- 5000000`; a new seed each run,
// printed so a failure can be replayed with `npm run fuzz -- --seed N`.
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const runs = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1_000_000);
const at = args.indexOf("--seed");
const seed = at >= 0 ? Number(args[at + 1]) : Math.floor(Math.random() * 2 ** 31);
if (!Number.isSafeInteger(runs) || !Number.isSafeInteger(seed)) {
  console.error("usage: npm run fuzz -- [runs] [--seed N]");
  process.exit(2);
}

const steps = [
  ["build (TypeScript and the release .wasm)", "npm", ["run", "--silent", "build"]],
  ["compile tests", "npx", ["tsc", "-p", "tsconfig.test.json"]],
  [
    `differential: ${runs.toLocaleString("en")} inputs (${(runs - Math.round(runs / 10)).toLocaleString("en")} generated, ${Math.round(runs / 10).toLocaleString("en")} adversarial), seed ${seed}`,
    "npx",
    ["uvu", "build/test", "differential\\.test\\.js$"],
  ],
  ["memory: 1,000,000 decodes per decoder, heap and WASM memory flat", "node", ["--expose-gc", "scripts/soak.mjs"]],
];
const env = { ...process.env, MATRIX_ERRORS_FUZZ_RUNS: String(runs), MATRIX_ERRORS_FUZZ_SEED: String(seed) };
const started = Date.now();
for (const [title, command, argv] of steps) {
  console.log(`\n▶ ${title}`);
  const { status } = spawnSync(command, argv, { stdio: "inherit", env });
  if (status !== 0) {
    console.error(`\n✘ ${title} failed (exit ${status}); replay with: npm run fuzz -- ${runs} --seed ${seed}`);
    process.exit(status || 1);
  }
}
console.log(
  `\n✔ ${runs.toLocaleString("en")} inputs, seed ${seed}, 0 disagreements (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
