// The benchmark.js cross-check, in a fresh process per scenario:
// `node --expose-gc lib/crosscheck.mjs <string|bytes> <settings>` prints `RESULT <json>`: per contender,
// the ops/s of one op = one pass over the corpus through the same async-caller loop as the paired
// engine (a deferred benchmark), as ns per decode and as a ratio to the floor's. A Response is read
// once and benchmark.js has no untimed per-op set-up, so the response scenario is not cross-checked.
import { createRequire } from "node:module";
import { loadContext, scenarioOf } from "./contenders.mjs";
import { c3, makeLoop, sink } from "./engine.mjs";

const Benchmark = createRequire(import.meta.url)("benchmark");
const [name, json] = process.argv.slice(2);
const settings = JSON.parse(json);
const scenario = scenarioOf(name, await loadContext());
// The A/A copy (headToHead) is a control of the before/after table, not a contender.
const list = scenario.list.filter((c) => !settings.failed.includes(c.family) && !c.headToHead);
// benchmark.js recompiles `fn` from its source, so the passes are reached through a global.
globalThis.benchPass = {};
const suite = new Benchmark.Suite(name);
// The floor first and last (its ratio uses the mean of the two), every pass warmed up before.
for (const c of [...list, { ...list.find((x) => x.floor), id: "floor-again" }]) {
  const loop = makeLoop();
  globalThis.benchPass[c.id] = async () => {
    const limit = Error.stackTraceLimit;
    if (c.noStack) Error.stackTraceLimit = 0;
    await loop(c3, c.fn, scenario.inputs, scenario.aux, 1, sink);
    Error.stackTraceLimit = limit;
  };
  suite.add(c.id, {
    defer: true,
    maxTime: settings.bjsSeconds,
    fn: (deferred) => {
      globalThis.benchPass[deferred.benchmark.name]().then(() => deferred.resolve());
    },
  });
}
for (const pass of Object.values(globalThis.benchPass)) for (let i = 0; i < 20; i++) await pass();
await new Promise((resolve) => suite.on("complete", resolve).run({ async: true }));
const hz = (name) => suite.filter((b) => b.name === name)[0].hz;
const floorHz = (hz("floor") + hz("floor-again")) / 2;
const out = {};
suite.forEach((b) => {
  const ns = 1e9 / (b.hz * scenario.inputs.length);
  if (b.name !== "floor-again") out[b.name] = { hz: b.hz, rme: b.stats.rme, ns, ratio: floorHz / b.hz };
});
process.stdout.write(`RESULT ${JSON.stringify({ version: Benchmark.version, results: out })}\n`);
