// The paired method: every contender is timed in chunks interleaved with its scenario's floor
// (floor, contender, contender, floor) so drift of a noisy machine cancels inside each round;
// the ratio of each round is kept, and the medians and ranges are taken over rounds.
const AsyncFunction = (async () => {}).constructor;
let loops = 0;

/** A freshly compiled loop per contender, so each has its own monomorphic call site. */
function makeLoop(isAsync) {
  loops += 1;
  const source = `// loop ${loops}
let k = 0;
const n = inputs.length;
for (let p = 0; p < passes; p++) {
  for (let i = 0; i < n; i++) {
    sink[k++ & 31] = ${isAsync ? "await " : ""}fn(inputs[i], aux[i]);
  }
}
return k;`;
  const Ctor = isAsync ? AsyncFunction : Function;
  return new Ctor("fn", "inputs", "aux", "passes", "sink", source);
}

// Results go to a small ring: each is observable (nothing is optimised away) but dies young, as a
// decoded error does in an application (a large ring makes V8 pretenure the allocation sites).
const sink = new Array(32);

// The loops run this many frames deep, so every contender that captures a stack fills V8's 10-frame
// limit as it would inside an application, whatever its own call depth.
function atDepth(n, run) {
  return n === 0 ? run() : atDepth(n - 1, run);
}
// A plain major GC (~1 ms here); `gc()` without options also compacts and flushes caches (~20 ms).
const gc = typeof globalThis.gc === "function" ? () => globalThis.gc({ type: "major" }) : () => {};

/** Seeded shuffle, so the order of contenders changes from round to round but not from run to run. */
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

/**
 * Runs a scenario: warm-up and calibration, then `rounds` rounds of paired chunks. Returns, per
 * contender, the per-round ns/op of the contender and of its floor, and their ratio.
 */
export async function runScenario(scenario, { rounds, chunkMs, warmMs, seed = 1, depth = 12 }) {
  const size = scenario.size ?? scenario.inputs.length;
  const runners = scenario.list.map((c) => ({ ...c, loop: makeLoop(scenario.async === true), passes: 1 }));
  const floor = runners.find((c) => c.id === scenario.floor);
  if (floor === undefined) throw new Error(`scenario ${scenario.name}: floor ${scenario.floor} is not available`);

  async function chunk(c, passes) {
    // Fresh inputs (Responses, strings with no cached hash) are made before the clock starts, one
    // array per pass.
    const fresh = scenario.fresh ? Array.from({ length: passes }, () => scenario.fresh()) : undefined;
    // Every chunk starts from a collected heap, so a GC owed by the previous chunk is not billed here.
    gc();
    const limit = Error.stackTraceLimit;
    // A floor's failure path (the SyntaxError of a non-JSON body) costs it as little as V8 allows.
    if (c.floor === true) Error.stackTraceLimit = undefined;
    const t0 = process.hrtime.bigint();
    if (fresh === undefined) {
      const result = atDepth(depth, () => c.loop(c.fn, scenario.inputs, c.aux, passes, sink));
      if (scenario.async) await result;
    } else {
      for (let p = 0; p < passes; p++) {
        const result = atDepth(depth, () => c.loop(c.fn, fresh[p], c.aux, 1, sink));
        if (scenario.async) await result;
      }
    }
    const t1 = process.hrtime.bigint();
    Error.stackTraceLimit = limit;
    return Number(t1 - t0) / (passes * size);
  }

  // Warm-up: each contender runs whole passes until warmMs has gone by; the fastest pass calibrates
  // how many passes make a chunk of about chunkMs.
  for (const c of runners) {
    let best = Number.POSITIVE_INFINITY;
    const until = performance.now() + warmMs;
    let n = 0;
    while (performance.now() < until || n < 3) {
      best = Math.min(best, await chunk(c, 1));
      n += 1;
    }
    // Fresh inputs take memory per pass: those chunks stop at 40 passes (dispatch: ~1–2 ms).
    const most = scenario.fresh ? 40 : 100_000;
    c.passes = Math.max(1, Math.min(most, Math.round((chunkMs * 1e6) / (best * size))));
  }

  const results = new Map(runners.map((c) => [c.id, { ns: [], floorNs: [], ratio: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const c of shuffle(runners, seed * 7919 + r)) {
      const f1 = await chunk(floor, floor.passes);
      const c1 = await chunk(c, c.passes);
      const c2 = await chunk(c, c.passes);
      const f2 = await chunk(floor, floor.passes);
      const out = results.get(c.id);
      out.ns.push((c1 + c2) / 2);
      out.floorNs.push((f1 + f2) / 2);
      out.ratio.push((c1 + c2) / (f1 + f2));
    }
  }
  return runners.map((c) => ({
    id: c.id,
    family: c.family,
    label: c.label,
    floor: c.floor === true,
    context: c.context === true,
    passes: c.passes,
    ...results.get(c.id),
  }));
}
