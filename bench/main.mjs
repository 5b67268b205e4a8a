// The comparison: validation, warm paired scenarios (one process each), cold start (a process per
// contender and repetition), a benchmark.js cross-check, the targets, and the report.
// Run through `npm run bench` (root), which builds and installs first; options:
//   --quick            under a minute (1 process per scenario, fewer rounds, shorter chunks)
//   --only=a,b         only these scenarios (string, bytes, object, response, dispatch)
//   --no-cold --no-bjs skip those parts
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { corpusStats, loadCorpus } from "./lib/corpus.mjs";
import { versionOf } from "./lib/libs.mjs";
import { aggregate, bjsTable, coldTable, markdown, scenarioTable, targets, validationLines } from "./lib/report.mjs";
import { buildScenario, families, loadContext, SCENARIO_ORDER, SCENARIO_TITLES } from "./lib/scenarios.mjs";
import { summary } from "./lib/stats.mjs";
import { validateAll } from "./lib/validate.mjs";

const started = performance.now();
const args = process.argv.slice(2).filter((a) => a !== "--no-build");
const quick = args.includes("--quick");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const settings = quick
  ? { processes: 1, rounds: 5, chunkMs: 4, warmMs: 40, coldReps: 3, bjsMaxTime: 0.2, responseStride: 4 }
  : { processes: 3, rounds: 8, chunkMs: 8, warmMs: 150, coldReps: 7, bjsMaxTime: 0.5, responseStride: 2 };
const here = new URL(".", import.meta.url);
const log = (line = "") => process.stdout.write(`${line}\n`);
const sections = {};
let lap = performance.now();
function section(name) {
  const t = performance.now();
  sections[name] = Math.round((t - lap) / 100) / 10;
  lap = t;
}

function child(script, argv, extra = []) {
  const res = spawnSync(process.execPath, [...extra, new URL(script, here).pathname, ...argv], {
    cwd: here.pathname,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = res.stdout?.split("\n").find((l) => l.startsWith("RESULT "));
  if (res.status !== 0 || !line) {
    throw new Error(
      `${script} ${argv[0] ?? ""} failed (exit ${res.status}): ${(res.stderr || res.stdout).slice(-800)}`,
    );
  }
  return JSON.parse(line.slice(7));
}

function git(...argv) {
  const res = spawnSync("git", argv, { cwd: here.pathname, encoding: "utf8" });
  return res.status === 0 ? res.stdout.trim() : undefined;
}

// --- context and validation
const entries = loadCorpus();
const ctx = await loadContext(entries);
const labels = families();
log(
  `matrix-errors bench (${quick ? "quick" : "full"}) — Node ${process.version}, ${os.cpus()[0]?.model} × ${os.cpus().length}`,
);
log(
  `corpus: ${entries.length} responses; WASM decoder: ${ctx.wasm.available ? "available" : `not available (${ctx.wasm.reason})`}`,
);
log("\nValidation on the shared vectors (a ✘ contender is not timed):");
const validation = await validateAll(ctx);
for (const line of validationLines(validation, labels)) log(`  ${line}`);
section("validation");

const probe = { scenarios: {} };
for (const name of SCENARIO_ORDER) probe.scenarios[name] = buildScenario(name, ctx, settings);
const failedFamilies = new Set(
  Object.entries(validation.families)
    .filter(([, v]) => v.ok === false && !v.unavailable)
    .map(([k]) => k),
);
const skip = [];
for (const scen of Object.values(probe.scenarios)) {
  for (const c of scen.list) {
    if (failedFamilies.has(c.family)) skip.push(c.id);
    if (c.family === "dispatch" && validation.families.dispatch[c.id]?.ok === false) skip.push(c.id);
  }
}

// --- warm scenarios
const scenarios = {};
for (const name of SCENARIO_ORDER) {
  if (only && !only.includes(name)) continue;
  const runs = [];
  const scen = probe.scenarios[name];
  try {
    for (let p = 0; p < settings.processes; p++) {
      process.stdout.write(`\r${name}: process ${p + 1}/${settings.processes}…   `);
      const options = { ...settings, seed: p + 1, skip };
      runs.push(child("lib/worker.mjs", [name, JSON.stringify(options)], ["--expose-gc"]));
    }
    scenarios[name] = {
      title: SCENARIO_TITLES[name],
      size: scen.size ?? scen.inputs.length,
      rows: aggregate(runs, scen),
    };
  } catch (error) {
    scenarios[name] = { title: SCENARIO_TITLES[name], error: String(error.message ?? error) };
  }
  process.stdout.write("\r");
  log(`\n## ${SCENARIO_TITLES[name]}\n`);
  log(scenarios[name].error ? `not measured: ${scenarios[name].error}` : scenarioTable(scenarios[name]));
  section(name);
}

// --- WASM file
let wasm = { available: ctx.wasm.available, reason: ctx.wasm.reason };
if (ctx.wasm.available && ctx.wasm.file) {
  const bytes = readFileSync(ctx.wasm.file);
  wasm = {
    ...wasm,
    file: "dist/decoder.wasm",
    size: statSync(ctx.wasm.file).size,
    gzip: gzipSync(bytes, { level: 9 }).length,
  };
}

// --- cold
let cold;
if (!args.includes("--no-cold")) {
  const coldLabels = {
    "floor-string": "floor: JSON.parse",
    "floor-bytes": "floor: TextDecoder + JSON.parse",
    "ts-string": "TS decode(text), defaults",
    "ts-string-hot": "TS decode(text), captureStack: false",
    "ts-bytes-hot": "TS decode(bytes), captureStack: false",
    "wasm-bytes-hot": "WASM decode(bytes), captureStack: false",
    "wasm-string-hot": "WASM decode(text), captureStack: false",
    "wasm-loader-hot": "WASM via the bundled Node loader, bytes, captureStack: false",
    "wasm-raw": "raw module, no library: sync compile + instantiate; calls = copy + scan only",
    naive: "naive class extends Error",
    jssdk: "matrix-js-sdk parseErrorResponse",
    botsdk: "matrix-bot-sdk MatrixError",
  };
  // The quick run keeps one WASM path and skips the byte floor.
  const quickSkip = new Set(["floor-bytes", "wasm-string-hot", "wasm-loader-hot"]);
  const names = Object.keys(coldLabels).filter(
    (n) => (ctx.wasm.available || !n.startsWith("wasm")) && !(quick && quickSkip.has(n)),
  );
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let rep = 0; rep < settings.coldReps; rep++) {
    process.stdout.write(`\rcold: ${rep + 1}/${settings.coldReps}…   `);
    for (const n of names) samples[n].push(child("lib/cold.mjs", [n], ["--expose-gc"]));
  }
  const rows = {};
  for (const [n, list] of Object.entries(samples)) {
    rows[n] = {};
    for (const key of Object.keys(list[0])) if (key !== "name") rows[n][key] = summary(list.map((x) => x[key]));
  }
  cold = { reps: settings.coldReps, labels: coldLabels, rows };
  process.stdout.write("\r");
  log("\n## Cold start (fresh process per contender, medians)\n");
  log(coldTable(cold));
  section("cold");
}

// --- benchmark.js
let bjs;
if (!args.includes("--no-bjs") && (!only || only.includes("string"))) {
  process.stdout.write("\rbenchmark.js cross-check…   ");
  bjs = child("lib/bjs.mjs", [JSON.stringify({ maxTime: settings.bjsMaxTime, skip })]);
  process.stdout.write("\r");
  log(`\n## benchmark.js ${bjs.version} cross-check (string scenario)\n`);
  log(bjsTable(bjs, scenarios.string));
  section("benchmark.js");
}

// --- report
const cpus = os.cpus();
const results = {
  meta: {
    mode: quick ? "quick" : "full",
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: git("rev-parse", "--short", "HEAD") ?? "unknown",
    dirty: (git("status", "--porcelain", "--", "../src", "../assembly", "../package.json") ?? "") !== "",
    versions: { ...ctx.versions, benchmark: versionOf("benchmark") },
    ...settings,
    seconds: 0,
    sections,
  },
  corpus: corpusStats(entries),
  wasm,
  validation,
  scenarios,
  cold,
  bjs,
};
results.targets = targets(results);
results.meta.seconds = Math.round((performance.now() - started) / 1000);
log("\n## Targets (issue 6)\n");
for (const t of results.targets) log(`${t.id}. ${t.status.toUpperCase()} — ${t.title}: ${t.value}`);

const base = quick ? "quick" : "latest";
mkdirSync(new URL("results/", here), { recursive: true });
const json = JSON.stringify(results, (key, value) => (key === "perRound" ? undefined : value), 1);
writeFileSync(new URL(`results/${base}.json`, here), `${json}\n`);
writeFileSync(new URL(`results/${base}.md`, here), markdown(results, labels));
log(
  `\nSaved bench/results/${base}.json and bench/results/${base}.md (${results.meta.seconds} s: ${JSON.stringify(sections)}).`,
);
