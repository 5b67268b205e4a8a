// The paired method: every contender is timed in chunks interleaved with its scenario's floor
// (floor, contender, contender, floor), so drift of a noisy machine cancels inside each round; the
// ratio of each round is kept, and medians and ranges are taken over rounds. Every call goes
// through three async callers, as a client's request code calls a decoder (a `sync` scenario calls
// directly, in a plain loop).
const AsyncFunction = (async () => {}).constructor;

async function c1(fn, input, aux) {
  return await fn(input, aux);
}
async function c2(fn, input, aux) {
  return await c1(fn, input, aux);
}
export async function c3(fn, input, aux) {
  return await c2(fn, input, aux);
}

let loops = 0;
/** A freshly compiled loop per contender, so each has its own call site. */
export function makeLoop(sync = false) {
  loops += 1;
  return new (sync ? Function : AsyncFunction)(
    "call",
    "fn",
    "inputs",
    "aux",
    "passes",
    "sink",
    `// loop ${loops}
let k = 0;
for (let p = 0; p < passes; p++) for (let i = 0; i < inputs.length; i++) sink[k++ & 31] = ${sync ? "fn(inputs[i], aux[i])" : "await call(fn, inputs[i], aux[i])"};
return k;`,
  );
}

// Results go to a small ring: observable (nothing is optimised away) but dying young, as a decoded
// error does in an application.
export const sink = new Array(32);
// A minor GC before each chunk: no contender pays for the young garbage of the one before. (A major
// GC there made Node 26's V8 shrink its heap and slowed the allocating contenders by up to 45 %
// against benchmark.js's steady state, with the floor unchanged.)
const gc = typeof globalThis.gc === "function" ? () => globalThis.gc({ type: "minor" }) : () => {};

function shuffle(list, seed) {
  const out = [...list];
  let a = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    a = (Math.imul(a ^ (a >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
    const j = a % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** One chunk: `passes` passes of contender `c` over the scenario's inputs; returns ns per call. */
async function chunk(scenario, c, passes) {
  // A Response is read once: fresh ones per pass are made before the clock starts.
  const fresh = scenario.fresh ? Array.from({ length: passes }, () => scenario.fresh()) : undefined;
  gc();
  const limit = Error.stackTraceLimit;
  // "No stack" for a peer that has no such option: V8's limit at 0 while it runs.
  if (c.noStack === true) Error.stackTraceLimit = 0;
  const t0 = process.hrtime.bigint();
  if (fresh === undefined) await c.loop(c3, c.fn, scenario.inputs, scenario.aux, passes, sink);
  else for (const inputs of fresh) await c.loop(c3, c.fn, inputs, scenario.aux, 1, sink);
  const t1 = process.hrtime.bigint();
  Error.stackTraceLimit = limit;
  return Number(t1 - t0) / (passes * scenario.inputs.length);
}

/** Runners of contenders: each its own loop, warmed up, with the passes that make a chunk ~`chunkMs`. */
async function calibrated(scenario, list, { chunkMs, warmMs }) {
  const n = scenario.inputs.length;
  const runners = list.map((c) => ({ ...c, loop: makeLoop(scenario.sync), passes: 1 }));
  for (const c of runners) {
    let best = Number.POSITIVE_INFINITY;
    const until = performance.now() + warmMs;
    for (let i = 0; performance.now() < until || i < 3; i++) best = Math.min(best, await chunk(scenario, c, 1));
    c.passes = Math.max(1, Math.min(scenario.fresh ? 20 : 10_000, Math.round((chunkMs * 1e6) / (best * n))));
  }
  return runners;
}

/**
 * Runs a scenario `{ inputs, aux, fresh?, list: [{ id, fn, floor?, noStack? }] }`: warm-up and
 * calibration, then `rounds` rounds. Returns per contender the per-round ns/op and ratio to the floor.
 */
export async function runScenario(scenario, { rounds, chunkMs, warmMs, seed = 1 }) {
  const runners = await calibrated(scenario, scenario.list, { chunkMs, warmMs });
  const floor = runners.find((c) => c.floor === true);
  const out = new Map(runners.map((c) => [c.id, { ns: [], ratio: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const c of shuffle(runners, seed * 7919 + r)) {
      const f1 = await chunk(scenario, floor, floor.passes);
      const a = await chunk(scenario, c, c.passes);
      const b = await chunk(scenario, c, c.passes);
      const f2 = await chunk(scenario, floor, floor.passes);
      out.get(c.id).ns.push((a + b) / 2);
      out.get(c.id).ratio.push((a + b) / (f1 + f2));
    }
  }
  return Object.fromEntries(runners.map((c) => [c.id, out.get(c.id)]));
}

/**
 * Head to head: each pair `[a, b]` of a scenario's contenders timed against each other directly
 * (a, b, b, a: no floor between them, whose noise would count twice in a ratio of floor ratios),
 * `rounds` rounds, pairs in a shuffled order each round. Returns per pair `a.id` the per-round
 * ratios a / b.
 */
export async function runHeadToHead(scenario, pairs, { rounds, chunkMs, warmMs, seed = 1 }) {
  const byId = new Map();
  for (const pair of pairs) for (const c of pair) byId.set(c.id, c);
  const runners = new Map((await calibrated(scenario, [...byId.values()], { chunkMs, warmMs })).map((c) => [c.id, c]));
  const list = pairs.map(([a, b]) => [runners.get(a.id), runners.get(b.id)]);
  const out = new Map(list.map(([a]) => [a.id, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [a, b] of shuffle(list, seed * 104729 + r)) {
      // Both sides of a pair run the same number of passes: the slower one's.
      const passes = Math.min(a.passes, b.passes);
      const a1 = await chunk(scenario, a, passes);
      const b1 = await chunk(scenario, b, passes);
      const b2 = await chunk(scenario, b, passes);
      const a2 = await chunk(scenario, a, passes);
      out.get(a.id).push((a1 + a2) / (b1 + b2));
    }
  }
  return Object.fromEntries(out);
}
