// One warm scenario in its own process: `node --expose-gc lib/warm.mjs <scenario> <settings>`.
// Prints `RESULT <json>`: per contender, its label and the per-round ns/op and ratios to the floor.
// Contenders of a family that failed validation (`settings.failed`) are left out.
import { loadContext, scenarioOf } from "./contenders.mjs";
import { runScenario } from "./engine.mjs";

const [name, json] = process.argv.slice(2);
const settings = JSON.parse(json);
const scenario = scenarioOf(name, await loadContext());
scenario.list = scenario.list.filter((c) => !settings.failed.includes(c.family));
const rounds = scenario.list.some((c) => c.floor) ? await runScenario(scenario, settings) : {};
const out = Object.fromEntries(
  Object.keys(rounds).map((id) => [id, { label: scenario.list.find((c) => c.id === id).label, ...rounds[id] }]),
);
process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
