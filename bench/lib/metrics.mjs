// Figures by name, and the generic judge of bench/targets.json: a metric is `cold.<field>` (median
// over fresh processes), `warm.<scenario>.<id>` (ratio to the floor, median over rounds),
// `warm.<scenario>.<a>/<b>` (a's ratio over b's, round by round) or `bundle.<name>` (gzip bytes).
import { divide, medianInterval, summary } from "./stats.mjs";

const COLD = {
  wasmSetupMs: ["wasm", "setupMs"],
  packageImportMs: ["package", "importMs"],
  classesImportMs: ["classes", "importMs"],
  classesFirstUs: ["classes", "firstUs"],
  classesFirst1000Ms: ["classes", "first1000Ms"],
};

/** The figure a metric names in one runtime's results, as `{ median, min, max }`, or undefined. */
export function figure(metric, runtime, bundle) {
  const [part, ...rest] = metric.split(".");
  if (part === "bundle") {
    const b = bundle?.[rest.join(".")];
    return b?.gzipBytes === undefined ? undefined : { median: b.gzipBytes, min: b.gzipBytes, max: b.gzipBytes };
  }
  if (part === "cold") {
    // A field of the `ts` samples, or one of another kind's under its own name.
    const [kind, key] = COLD[rest[0]] ?? ["ts", rest[0]];
    const list = (runtime.cold?.[kind] ?? []).map((s) => s[key]);
    return list.length > 0 && list.every(Number.isFinite) ? summary(list) : undefined;
  }
  const [scenario, ids] = [rest[0], rest.slice(1).join(".")];
  const rows = runtime.warm?.[scenario];
  const [a, b] = ids.split("/");
  if (!rows?.[a] || (b && !rows[b])) return undefined;
  return summary(b ? divide(rows[a].ratio, rows[b].ratio) : rows[a].ratio);
}

/**
 * Every target judged on a runtime: `{ ...target, value, bound?, status }`, status "met", "missed",
 * "out of reach" (missed, and the target's `bound`, the figure of the least any such decoder can
 * do, misses it too) or "not measured".
 */
export function judge(targets, runtime, bundle) {
  return targets.map((t) => {
    const value = figure(t.metric, runtime, bundle);
    if (value === undefined) return { ...t, status: "not measured" };
    const meets = (v) => (t.max !== undefined ? v.median <= t.max : v.median >= t.min);
    const bound = t.bound === undefined ? undefined : figure(t.bound, runtime, bundle);
    if (meets(value)) return { ...t, value, bound, status: "met" };
    return { ...t, value, bound, status: bound !== undefined && !meets(bound) ? "out of reach" : "missed" };
  });
}

/**
 * Per scenario and decoder, current / baseline and the A/A control (current / a second copy of
 * it), from the head-to-head rounds: `{ id: { ...summary, lo, hi, same, verdict } }`. The verdict
 * is "faster" or "slower" when the 95 % interval of the median lies below or above 1, else
 * "no difference": a difference the method cannot tell from none. An interval above 1 whose lower
 * end is within the control's interval is "within the control".
 */
export function baselineRatios(headToHead) {
  const out = {};
  for (const [scenario, pairs] of Object.entries(headToHead)) {
    for (const id of Object.keys(pairs).filter((k) => !k.startsWith("aa-"))) {
      const rounds = pairs[id];
      const interval = medianInterval(rounds);
      const control = pairs[`aa-${id}`];
      const same = control && { ...summary(control.flat()), ...medianInterval(control) };
      // Above 1 but not above what two copies of one build measured apart: the interval, from 3
      // processes, is narrower than the truth (the control's excludes 1 in some rows), so such a
      // row is reported as within the control, not as slower.
      const verdict =
        interval.hi < 1
          ? "faster"
          : interval.lo <= 1
            ? "no difference"
            : same !== undefined && interval.lo <= same.hi
              ? "within the control"
              : "slower";
      out[scenario] ??= {};
      out[scenario][id] = { ...summary(rounds.flat()), ...interval, same, verdict };
    }
  }
  return out;
}
