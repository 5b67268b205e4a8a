// Renders a results file again from its raw rounds and samples, without timing anything: the
// verdicts, the judged targets, the Markdown and the chart are derived data, so a change to how
// they are derived (lib/metrics.mjs, lib/report.mjs, lib/svg.mjs, targets.json) applies to a run
// already made. `node bench/render.mjs [results/latest.json]`; the JSON keeps its raw data as it was.
import { readFileSync, writeFileSync } from "node:fs";
import { baselineRatios, judge } from "./lib/metrics.mjs";
import { report } from "./lib/report.mjs";
import { chart } from "./lib/svg.mjs";

const here = new URL(".", import.meta.url);
const file = new URL(process.argv[2] ?? "results/latest.json", here);
const results = JSON.parse(readFileSync(file, "utf8"));
const { targets } = JSON.parse(readFileSync(new URL("targets.json", here), "utf8"));
results.targets = targets;
for (const r of Object.values(results.runtimes)) {
  r.baseline = baselineRatios(r.headToHead ?? {});
  r.judged = judge(targets, r, results.bundle);
}
writeFileSync(file, `${JSON.stringify(results, null, 1)}\n`);
writeFileSync(new URL(file.href.replace(/\.json$/, ".md")), report(results, true));
writeFileSync(new URL(file.href.replace(/\.json$/, ".svg")), chart(results));
process.stdout.write(`rendered ${file.pathname.replace(/\.json$/, ".{json,md,svg}")}\n`);
