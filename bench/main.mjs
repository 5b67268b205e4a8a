// The bench: per runtime (Node 20 and Node 26), validation, warm paired scenarios (a process each),
// the benchmark.js cross-check, cold samples (a fresh process each); then workerd and bundle size;
// then the report (terminal and results/). Run through `npm run bench` (root). Options: --full (the
// committed run), --only=string,bytes,response,retry, --baseline <ref> (default with --full:
// cc3e015), --no-baseline, --no-benchmarkjs, --no-cold, --no-workerd, --no-bundle.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { buildBaseline } from "./lib/baseline.mjs";
import { bundleSizes } from "./lib/bundle.mjs";
import { generate, hashOf, loadCorpus, MIX } from "./lib/corpus.mjs";
import { makeFloorPackages } from "./lib/floor-packages.mjs";
import { baselineRatios, judge } from "./lib/metrics.mjs";
import { report } from "./lib/report.mjs";
import { takeSnapshot } from "./lib/snapshot.mjs";
import { chart } from "./lib/svg.mjs";
import { runWorkerd } from "./lib/workerd.mjs";

const started = performance.now();
const args = process.argv.slice(2);
const full = args.includes("--full");
const has = (flag) => args.includes(`--${flag}`);
const opt = (name) => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return i < 0 ? undefined : args[i].includes("=") ? args[i].slice(name.length + 3) : args[i + 1];
};
const only = opt("only")?.split(",") ?? ["string", "bytes", "response", "retry"];
const settings = full
  ? {
      processes: 3,
      rounds: 10,
      headToHeadRounds: 30,
      chunkMs: 8,
      warmMs: 150,
      coldSamples: 31,
      workerdRounds: 10,
      bjsSeconds: 1,
    }
  : {
      processes: 1,
      rounds: 5,
      headToHeadRounds: 10,
      chunkMs: 4,
      warmMs: 40,
      coldSamples: 15,
      workerdRounds: 4,
      bjsSeconds: 0.3,
    };
const here = new URL(".", import.meta.url);
const log = (line) => process.stdout.write(`${line}\n`);
const git = (...argv) => spawnSync("git", argv, { cwd: here.pathname, encoding: "utf8" }).stdout?.trim();

const baseRef = has("no-baseline") ? undefined : (opt("baseline") ?? (full ? "cc3e015" : undefined));
const baseline = baseRef && buildBaseline(baseRef);
const snapshot = takeSnapshot();
makeFloorPackages((await import(`${snapshot.dir}dist/index.js`)).CODES.map((row) => [row.errcode, row.name]));
process.on("exit", snapshot.restore);
process.on("SIGINT", () => process.exit(130));
const env = baseline
  ? { ...process.env, BENCH_BASELINE: `${baseline.dir}#${baseline.sha}`, BENCH_SAME: snapshot.same }
  : process.env;
// BENCH_SOURCE: the commit of the package measured, when it is not the working tree.
const commit = process.env.BENCH_SOURCE ?? git("rev-parse", "--short", "HEAD") ?? "unknown";
const dirty = (git("status", "--porcelain", "--", "../src", "../assembly") ?? "") !== "";

function child(bin, script, ...argv) {
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

loadCorpus(); // fails here, before anything is timed, if the generator drifted from the committed hash
const node26 = new URL("../node_modules/node26/bin/node", here).pathname;
const bins = { [`node${process.versions.node.split(".")[0]}`]: process.execPath };
if (existsSync(node26) && !process.version.startsWith("v26.")) bins.node26 = node26;

log(`matrix-errors bench (${full ? "full" : "quick"}): ${os.cpus()[0]?.model} × ${os.cpus().length}`);
const runtimes = {};
for (const [name, bin] of Object.entries(bins)) {
  const version = spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout.trim().slice(1);
  log(`${name} (Node ${version}): validation…`);
  const v = child(bin, "lib/validate.mjs");
  const validationLines = Object.entries(v.families).map(([f, r]) =>
    r.unavailable
      ? `· ${v.labels[f] ?? f}: ${r.unavailable}`
      : `${r.ok ? "✔" : "✘"} ${v.labels[f] ?? f}: ${r.checks} checks${r.ok ? "" : `; ${r.bad.length} wrong, e.g. ${r.bad.slice(0, 3).join("; ")}`}`,
  );
  const failed = Object.keys(v.families).filter((f) => v.families[f].ok === false);
  const warm = {};
  const headToHead = {};
  for (const scenario of only) {
    log(`${name}: warm ${scenario}…`);
    const runs = Array.from({ length: settings.processes }, (_, p) =>
      child(bin, "lib/warm.mjs", scenario, JSON.stringify({ ...settings, seed: p + 1, failed })),
    );
    warm[scenario] = Object.fromEntries(
      Object.entries(runs[0].contenders).map(([id, { label }]) => [
        id,
        {
          label,
          ns: runs.flatMap((r) => r.contenders[id].ns),
          ratio: runs.flatMap((r) => r.contenders[id].ratio),
        },
      ]),
    );
    // Kept per process: the before/after interval resamples processes, then rounds within them.
    const pairs = Object.keys(runs[0].headToHead);
    if (pairs.length > 0)
      headToHead[scenario] = Object.fromEntries(pairs.map((id) => [id, runs.map((r) => r.headToHead[id])]));
  }
  const crosscheck = {};
  for (const scenario of has("no-benchmarkjs") ? [] : only.filter((s) => s === "string" || s === "bytes")) {
    log(`${name}: benchmark.js ${scenario}…`);
    crosscheck[scenario] = child(bin, "lib/crosscheck.mjs", scenario, JSON.stringify({ ...settings, failed }));
  }
  const cold = { floor: [], package: [], classes: [], ts: [], wasm: [] };
  for (let i = 0; i < (has("no-cold") ? 0 : settings.coldSamples); i++) {
    if (i === 0) log(`${name}: cold, ${settings.coldSamples} fresh processes per figure…`);
    for (const kind of Object.keys(cold)) cold[kind].push(child(bin, "lib/cold.mjs", kind));
  }
  runtimes[name] = {
    version,
    validation: v,
    validationLines,
    warm,
    headToHead,
    baseline: baselineRatios(headToHead),
    crosscheck,
    cold,
  };
}
if (!has("no-workerd")) log("workerd…");
const workerd = has("no-workerd")
  ? { error: "skipped (--no-workerd)" }
  : await runWorkerd({ samples: settings.coldSamples, rounds: settings.workerdRounds });
const bundle = has("no-bundle") ? {} : await bundleSizes(`${snapshot.dir}src/`);

const { targets } = JSON.parse(readFileSync(new URL("targets.json", here), "utf8"));
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
    dirty,
    baseline: baseline && { ref: baseline.ref, sha: baseline.sha },
    corpus: { count: generate().length, mix: MIX, sha256: hashOf(generate()) },
    ...settings,
    seconds: Math.round((performance.now() - started) / 1000),
  },
  targets,
  runtimes,
  workerd,
  bundle,
};
log(`\n${report(results, false)}`);
const base = full ? "latest" : "quick";
mkdirSync(new URL("results/", here), { recursive: true });
writeFileSync(new URL(`results/${base}.json`, here), `${JSON.stringify(results, null, 1)}\n`);
writeFileSync(new URL(`results/${base}.md`, here), report(results, true));
writeFileSync(new URL(`results/${base}.svg`, here), chart(results));
log(`Saved bench/results/${base}.{json,md,svg} (${results.meta.seconds} s).`);
