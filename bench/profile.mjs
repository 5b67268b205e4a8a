// Profiles one contender on the corpus with `node --cpu-prof` and sums self time by function and by
// stage (JSON.parse, Error construction, dispatch, init handling, Retry-After, …).
//   node bench/profile.mjs [contender=ts-hot] [scenario=string] [seconds=4]
// The profile itself is written to the system temp folder; the summary is printed.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [id = "ts-hot", scenarioName = "string", seconds = "4"] = process.argv.slice(2);

if (process.env.MATRIX_ERRORS_PROFILE_CHILD === "1") {
  const { loadCorpus } = await import("./lib/corpus.mjs");
  const { buildScenario, loadContext } = await import("./lib/scenarios.mjs");
  const ctx = await loadContext(loadCorpus());
  const scenario = buildScenario(scenarioName, ctx);
  const c = scenario.list.find((x) => x.id === id);
  if (!c) throw new Error(`no contender ${id} in ${scenarioName}`);
  const sink = new Array(1024);
  const until = performance.now() + Number(seconds) * 1000;
  let k = 0;
  while (performance.now() < until) {
    const inputs = scenario.fresh ? scenario.fresh() : scenario.inputs;
    for (let i = 0; i < inputs.length; i++) {
      const r = c.fn(inputs[i], c.aux[i]);
      sink[k++ & 1023] = scenario.async ? await r : r;
    }
  }
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), "matrix-errors-prof-"));
const res = spawnSync(
  process.execPath,
  [
    "--cpu-prof",
    "--cpu-prof-interval",
    "50",
    "--cpu-prof-dir",
    dir,
    new URL(import.meta.url).pathname,
    id,
    scenarioName,
    seconds,
  ],
  { stdio: "inherit", env: { ...process.env, MATRIX_ERRORS_PROFILE_CHILD: "1" } },
);
if (res.status !== 0) process.exit(res.status ?? 1);
const file = join(
  dir,
  readdirSync(dir).find((f) => f.endsWith(".cpuprofile")),
);
const profile = JSON.parse(readFileSync(file, "utf8"));

// Self time per node, from the sample counts; only samples taken inside the timed loop (the
// profiling child's top-level frame or below) and the GC samples from then on count.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const ch of n.children ?? []) parent.set(ch, n.id);
const me = new URL(import.meta.url).pathname;
const chainOf = (nodeId) => {
  const chain = [];
  for (let cur = nodeId; cur !== undefined; cur = parent.get(cur)) chain.push(byId.get(cur).callFrame);
  return chain;
};
const inLoop = (chain) => chain.some((f) => f.url.endsWith(me) || f.url.endsWith("profile.mjs"));
const self = new Map();
let total = 0;
let started = false;
for (const s of profile.samples) {
  const chain = chainOf(s);
  const gcSample = chain[0].functionName === "(garbage collector)";
  if (inLoop(chain)) started = true;
  if (!started || !(inLoop(chain) || gcSample)) continue;
  self.set(s, (self.get(s) ?? 0) + 1);
  total += 1;
}
const where = (n) => {
  const f = n.callFrame;
  const file = f.url
    ? f.url.replace(/^.*\/(dist|bench|node_modules)\//, "$1/").replace(/^node:internal\/deps\//, "")
    : "";
  return `${f.functionName || "(anonymous)"} ${file}${f.url ? `:${f.lineNumber + 1}` : ""}`;
};

// What each self sample is for, from its own frame (V8 attributes builtins such as JSON.parse and
// the Error constructor to the JS function that calls them).
const RULES = [
  [/^\(garbage collector\)$/, () => true, "GC"],
  [/^#fromText$|^parse$/, () => true, "JSON.parse (self time of #fromText: the parse and its try/catch)"],
  [/^floorString$|^floorBytes$/, () => true, "JSON.parse (floor)"],
  [
    /^(ErrorResponse|NonMatrixResponse|CustomErrorResponse)$/,
    () => true,
    "Error construction (ErrorResponse constructor, super())",
  ],
  [/^[A-Z][A-Za-z]+$/, (f) => /errors\.gen\.js$/.test(f.url), "Error construction (generated subclass constructors)"],
  [/^(retryAfterFrom|parseRetryAfter|parseHttpDate|utc|fullYear|headerValue)$/, () => true, "Retry-After (parse)"],
  [/./, (f) => /undici/.test(f.url), "Retry-After (Headers.get in undici)"],
  [/^construct$/, () => true, "dispatch (Map.get) + new + brand check (Registry.construct)"],
  [/^fromBody$/, () => true, "body checks (Registry.fromBody)"],
  [/^(cleanInit)$/, () => true, "init handling (cleanInit copy)"],
  [/^decode$/, (f) => /registry\.js$/.test(f.url), "init handling + stack switch (Registry.decode)"],
  [/^(withoutStack|stopStackCapture|restoreStackCapture|withCapture)$/, () => true, "stack switch (withoutStack)"],
  [
    /^(decodeInput|stripBom|maxBytesOf|text|bytes|object|asBytes|textOf|isPlainObject)$/,
    (f) => /dist\//.test(f.url),
    "input sorting (decodeInput, BOM, size limit)",
  ],
  [/^(nonMatrix|head|headOfBytes)$/, () => true, "non-Matrix bodies (nonMatrix, head)"],
  [/./, (f) => /dist\//.test(f.url), "other matrix-errors code"],
  [/./, (f) => /profile\.mjs$|bench\/lib/.test(f.url), "bench loop"],
];
function stageOf(nodeId) {
  const f = byId.get(nodeId).callFrame;
  for (const [re, test, stage] of RULES) if (re.test(f.functionName) && test(f)) return stage;
  return `other (${f.functionName || "anonymous"})`;
}

const stages = new Map();
const fns = new Map();
for (const [nodeId, n] of self) {
  const stage = stageOf(nodeId);
  stages.set(stage, (stages.get(stage) ?? 0) + n);
  const key = where(byId.get(nodeId));
  fns.set(key, (fns.get(key) ?? 0) + n);
}
const pctOf = (n) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
console.log(`\n${id} on the ${scenarioName} scenario: ${total} samples of 50 µs in the loop; profile ${file}\n`);
console.log("By stage (self time):");
for (const [k, n] of [...stages].sort((a, b) => b[1] - a[1]))
  if (n / total >= 0.002) console.log(`  ${pctOf(n)}  ${k}`);
console.log("\nTop functions by self time:");
for (const [k, n] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pctOf(n)}  ${k}`);
