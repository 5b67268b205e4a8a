// One warm scenario in its own process: `node --expose-gc lib/warm.mjs <scenario> <settings>`.
// Prints `RESULT <json>`: per contender, its label and the per-round ns/op and ratios to the floor;
// and, where a baseline runs, `headToHead`: per decoder, the per-round ratios current / baseline and
// current / its second copy (the A/A control), timed against each other directly.
// Contenders of a family that failed validation (`settings.failed`) are left out.
import { loadContext, scenarioOf } from "./contenders.mjs";
import { runHeadToHead, runScenario } from "./engine.mjs";

const [name, json] = process.argv.slice(2);
const settings = JSON.parse(json);
const scenario = scenarioOf(name, await loadContext());
const all = scenario.list.filter((c) => !settings.failed.includes(c.family));
// The second copy runs in the floor-paired rounds too, left out of the tables: the A/A control
// then compares two copies exercised alike (with the copy timed head to head only, current / copy
// came out above 1 in 18 of 24 no-stack processes of one full run).
scenario.list = all;
const rounds = scenario.list.some((c) => c.floor) ? await runScenario(scenario, settings) : {};
const out = Object.fromEntries(
  Object.keys(rounds)
    .filter((id) => !all.find((c) => c.id === id).headToHead)
    .map((id) => [id, { label: scenario.list.find((c) => c.id === id).label, ...rounds[id] }]),
);
const byId = new Map(all.map((c) => [c.id, c]));
const pairs = [];
for (const c of all) {
  if (!/^(ts|wasm)-/.test(c.id)) continue;
  if (byId.has(`base-${c.id}`)) pairs.push([c, byId.get(`base-${c.id}`)]);
  // The control: a copy of `c` under its own id, so it is a runner of its own.
  if (byId.has(`same-${c.id}`)) pairs.push([{ ...c, id: `aa-${c.id}` }, byId.get(`same-${c.id}`)]);
}
const headToHead =
  pairs.length > 0 ? await runHeadToHead(scenario, pairs, { ...settings, rounds: settings.headToHeadRounds }) : {};
process.stdout.write(`RESULT ${JSON.stringify({ contenders: out, headToHead })}\n`);
