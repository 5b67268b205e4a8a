// The bench: per runtime (Node 20 and Node 26), validation, warm paired scenarios (a process each),
// cold samples (a fresh process each); then workerd and bundle size; then the report.
// Run through `npm run bench` (root). Options: --full (the committed run), --only=string,bytes,response,retry,
// --baseline <ref> (default with --full: cc3e015), --no-baseline, --no-benchmarkjs, --no-cold,
// --no-workerd, --no-bundle.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { buildBaseline } from "./lib/baseline.mjs";
import { bundleSizes } from "./lib/bundle.mjs";
import { generate, hashOf, loadCorpus, MIX } from "./lib/corpus.mjs";
import { baselineRatios, judge } from "./lib/metrics.mjs";
import {
  baselineTable,
  bundleTable,
  coldTable,
  crosscheckTable,
  markdown,
  targetsTable,
  warmTable,
  workerdTables,
} from "./lib/report.mjs";
import { takeSnapshot } from "./lib/snapshot.mjs";
import { chart } from "./lib/svg.mjs";
import { runWorkerd } from "./lib/workerd.mjs";

const started = performance.now();
const args = process.argv.slice(2);
const full = args.includes("--full");
const opt = (name) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return i < 0 ? undefined : args[i].includes("=") ? args[i].slice(name.length + 3) : args[i + 1];
};
const only = opt("only")?.split(",") ?? ["string", "bytes", "response", "retry"];
const settings = full
  ? { processes: 3, rounds: 10, chunkMs: 8, warmMs: 150, coldSamples: 31, workerdRounds: 10, bjsSeconds: 1 }
  : { processes: 1, rounds: 5, chunkMs: 4, warmMs: 40, coldSamples: 15, workerdRounds: 4, bjsSeconds: 0.3 };
const here = new URL(".", import.meta.url);
const log = (line = "") => process.stdout.write(`${line}\n`);
const { targets } = JSON.parse(readFileSync(new URL("targets.json", here), "utf8"));
const baseRef = args.includes("--no-baseline") ? undefined : (opt("baseline") ?? (full ? "cc3e015" : undefined));
const baseline = baseRef && buildBaseline(baseRef);
const snapshot = takeSnapshot();
process.on("exit", snapshot.restore);
process.on("SIGINT", () => process.exit(130));
const env = baseline ? { ...process.env, BENCH_BASELINE: `${baseline.dir}#${baseline.sha}` } : process.env;

function child(bin, script, argv = []) {
  const res = spawnSync(bin, ["--expose-gc", new URL(script, here).pathname, ...argv], {
    cwd: here.pathname,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = res.stdout?.split("\n").find((l) => l.startsWith("RESULT "));
  if (res.status !== 0 || !line)
    throw new Error(`${script} ${argv[0] ?? ""}: ${(res.stderr || res.stdout).slice(-600)}`);
  return JSON.parse(line.slice(7));
}
const git = (...argv) => spawnSync("git", argv, { cwd: here.pathname, encoding: "utf8" }).stdout?.trim();
// BENCH_SOURCE: the commit of the package measured, when it is not the working tree.
const commit = process.env.BENCH_SOURCE ?? git("rev-parse", "--short", "HEAD") ?? "unknown";
const dirty = (git("status", "--porcelain", "--", "../src", "../assembly") ?? "") !== "";

loadCorpus(); // fails here, before anything is timed, if the generator drifted from the committed hash
const node26 = new URL("../node_modules/node26/bin/node", here).pathname;
const bins = { [`node${process.versions.node.split(".")[0]}`]: process.execPath };
if (existsSync(node26) && !process.version.startsWith("v26.")) bins.node26 = node26;

log(`matrix-errors bench (${full ? "full" : "quick"}): ${os.cpus()[0]?.model} × ${os.cpus().length}`);
if (baseline) log(`baseline: ${baseline.ref} = ${baseline.sha}, built in bench/.baseline/`);
const runtimes = {};
for (const [name, bin] of Object.entries(bins)) {
  const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout.trim().slice(1);
  log(`\n━━ ${name}: Node ${version} ━━\n\nValidation (a ✘ family is not timed):`);
  const v = child(bin, "lib/validate.mjs");
  const validationLines = Object.entries(v.families).map(([f, r]) =>
    r.unavailable
      ? `· ${v.labels[f] ?? f}: ${r.unavailable}`
      : `${r.ok ? "✔" : "✘"} ${v.labels[f] ?? f}: ${r.checks} checks${r.ok ? "" : `; ${r.bad.length} wrong, e.g. ${r.bad.slice(0, 3).join("; ")}`}`,
  );
  for (const line of validationLines) log(`  ${line}`);
  const failed = Object.keys(v.families).filter((f) => v.families[f].ok === false);
  const warm = {};
  for (const scenario of only) {
    process.stdout.write(`warm ${scenario}…\r`);
    const runs = [];
    for (let p = 0; p < settings.processes; p++)
      runs.push(child(bin, "lib/warm.mjs", [scenario, JSON.stringify({ ...settings, seed: p + 1, failed })]));
    warm[scenario] = Object.fromEntries(
      Object.keys(runs[0]).map((id) => [
        id,
        { label: runs[0][id].label, ns: runs.flatMap((r) => r[id].ns), ratio: runs.flatMap((r) => r[id].ratio) },
      ]),
    );
    log(`\nwarm, ${scenario} (${runs.length * settings.rounds} rounds, paired with the floor):\n`);
    log(warmTable(warm[scenario], false));
  }
  const before = baselineRatios(warm);
  if (Object.keys(before).length > 0)
    log(
      `\nbefore/after: current / baseline ${baseline.sha}, round by round (<1: now faster):\n\n${baselineTable(before, false)}`,
    );
  const crosscheck = {};
  if (!args.includes("--no-benchmarkjs"))
    for (const scenario of only.filter((s) => s === "string" || s === "bytes")) {
      process.stdout.write(`benchmark.js ${scenario}…\r`);
      crosscheck[scenario] = child(bin, "lib/crosscheck.mjs", [scenario, JSON.stringify({ ...settings, failed })]);
      log(
        `\nbenchmark.js cross-check, ${scenario}:\n\n${crosscheckTable(crosscheck[scenario], warm[scenario], false)}`,
      );
    }
  const cold = { floor: [], ts: [], wasm: [] };
  if (!args.includes("--no-cold")) {
    for (let i = 0; i < settings.coldSamples; i++) {
      process.stdout.write(`cold ${i + 1}/${settings.coldSamples}…\r`);
      for (const kind of Object.keys(cold)) cold[kind].push(child(bin, "lib/cold.mjs", [kind]));
    }
    log(`\ncold, a fresh process per sample:\n\n${coldTable(cold, false)}`);
  }
  runtimes[name] = { version, validation: v, validationLines, warm, baseline: before, crosscheck, cold };
}

let workerd = { error: "skipped (--no-workerd)" };
if (!args.includes("--no-workerd")) {
  process.stdout.write("workerd…\r");
  workerd = await runWorkerd({ samples: settings.coldSamples, rounds: settings.workerdRounds });
  log(`\n━━ inside workerd ━━\n\n${workerdTables(workerd, false)}`);
}
let bundle = {};
if (!args.includes("--no-bundle")) {
  bundle = await bundleSizes(`${snapshot.dir}src/`);
  log(
    `\n━━ bundle size (esbuild, minified, browser conditions, gzip -9; dist/ and src/) ━━\n\n${bundleTable(bundle, false)}`,
  );
}

for (const r of Object.values(runtimes)) r.judged = judge(targets, r, bundle);
const cpus = os.cpus();
const results = {
  meta: {
    mode: full ? "full" : "quick",
    date: new Date().toISOString(),
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit,
    baseline: baseline && { ref: baseline.ref, sha: baseline.sha },
    dirty,
    corpus: { count: generate().length, mix: MIX, sha256: hashOf(generate()) },
    ...settings,
    seconds: Math.round((performance.now() - started) / 1000),
  },
  targets,
  runtimes,
  workerd,
  bundle,
};
log(`\n━━ targets (bench/targets.json, from issue 13) ━━\n\n${targetsTable(results, false)}`);
const base = full ? "latest" : "quick";
mkdirSync(new URL("results/", here), { recursive: true });
writeFileSync(new URL(`results/${base}.json`, here), `${JSON.stringify(results, null, 1)}\n`);
writeFileSync(new URL(`results/${base}.md`, here), markdown(results));
writeFileSync(new URL(`results/${base}.svg`, here), chart(results));
log(`\nSaved bench/results/${base}.{json,md,svg} (${results.meta.seconds} s).`);
