// One warm scenario in its own process: `node --expose-gc lib/warm.mjs <string|bytes|response> <settings>`.
// Prints `RESULT <json>`: per contender, its label and the per-round ns/op and ratios to the floor.
import { loadContext, scenarioOf } from "./contenders.mjs";
import { runScenario } from "./engine.mjs";

const [name, json] = process.argv.slice(2);
const settings = JSON.parse(json);
const ctx = await loadContext();
const scenario = scenarioOf(name, ctx);
scenario.list = scenario.list.filter((c) => !settings.skip.includes(c.id));
const rounds = await runScenario(scenario, settings);
const out = Object.fromEntries(scenario.list.map((c) => [c.id, { label: c.label, ...rounds[c.id] }]));
process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
