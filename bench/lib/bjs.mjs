// Cross-check with benchmark.js 2.1.4 on the string scenario: unpaired, one op = one pass over the
// corpus. `node lib/bjs.mjs <json options>` prints `RESULT <json>`.
import Benchmark from "benchmark";
import { loadCorpus } from "./corpus.mjs";
import { buildScenario, loadContext } from "./scenarios.mjs";

const options = JSON.parse(process.argv[2] ?? "{}");
const skip = new Set(options.skip ?? []);
const ids = ["floor-string", "ts-hot", "ts", "wasm-hot", "plain", "naive-hot", "naive", "jssdk"];

const ctx = await loadContext(loadCorpus());
const scenario = buildScenario("string", ctx);
const inputs = scenario.inputs;
const sink = new Array(1024);
const suite = new Benchmark.Suite("string");
// Benchmark options go to each benchmark (suite.run's options are only async/queued).
const benchOptions = { maxTime: options.maxTime ?? 1, minSamples: 5 };
for (const c of scenario.list) {
  if (!ids.includes(c.id) || skip.has(c.id)) continue;
  const { fn, aux } = c;
  const floor = c.floor === true;
  suite.add(
    c.id,
    () => {
      const limit = Error.stackTraceLimit;
      if (floor) Error.stackTraceLimit = undefined;
      for (let i = 0; i < inputs.length; i++) sink[i & 1023] = fn(inputs[i], aux[i]);
      Error.stackTraceLimit = limit;
    },
    benchOptions,
  );
}
// Warm every case before the suite starts, so the first one measured is not the one that pays
// for compilation.
for (let b = 0; b < suite.length; b++) for (let i = 0; i < 20; i++) suite[b].fn();
const rows = [];
suite.on("cycle", (event) => {
  const b = event.target;
  rows.push({
    id: b.name,
    hz: b.hz,
    rme: b.stats.rme,
    samples: b.stats.sample.length,
    nsPerOp: 1e9 / b.hz / inputs.length,
  });
});
suite.run({ async: false });
process.stdout.write(
  `RESULT ${JSON.stringify({ version: Benchmark.version, platform: String(Benchmark.platform), rows })}\n`,
);
