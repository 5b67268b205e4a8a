// One process, one scenario: `node --expose-gc lib/worker.mjs <scenario> <json options>`.
// Prints one line `RESULT <json>` with the per-round numbers of every contender.
import { loadCorpus } from "./corpus.mjs";
import { runScenario } from "./engine.mjs";
import { buildScenario, loadContext } from "./scenarios.mjs";

const [name, json] = process.argv.slice(2);
const options = JSON.parse(json ?? "{}");
const skip = new Set(options.skip ?? []);

const ctx = await loadContext(loadCorpus());
const scenario = buildScenario(name, ctx, options);
scenario.list = scenario.list.filter((c) => !skip.has(c.id) || c.id === scenario.floor);
const rows = await runScenario(scenario, options);
process.stdout.write(`RESULT ${JSON.stringify({ scenario: name, rows })}\n`);
