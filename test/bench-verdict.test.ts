// The bench's before/after verdict (bench/lib/metrics.mjs): the interval it rests on must widen with
// noise, and the verdict must say "slower" only when the interval lies above 1. Issue 9 is judged on it.
import { test } from "uvu";
import * as assert from "uvu/assert";

interface Interval {
  lo: number;
  hi: number;
}
interface Verdict extends Interval {
  median: number;
  verdict: "faster" | "no difference" | "within the control" | "slower";
  same?: Interval & { median: number };
}
type Rounds = number[][];

const stats = (await import(new URL("../../bench/lib/stats.mjs", import.meta.url).href)) as {
  medianInterval(perProcess: Rounds): Interval;
};
const metrics = (await import(new URL("../../bench/lib/metrics.mjs", import.meta.url).href)) as {
  baselineRatios(h: Record<string, Record<string, Rounds>>): Record<string, Record<string, Verdict>>;
};

// Deterministic "noise": a round's ratio is `center` × (1 ± spread), spread over the rounds.
function rounds(center: number, spread: number, processes = 3, perProcess = 30): Rounds {
  return Array.from({ length: processes }, (_, p) =>
    Array.from({ length: perProcess }, (_, i) => center * (1 + spread * Math.sin(1 + i * 2.3 + p * 0.7))),
  );
}

test("bench verdict: the interval holds the median and narrows to a point without noise", () => {
  const flat = stats.medianInterval(rounds(1.03, 0));
  assert.is(flat.lo, 1.03);
  assert.is(flat.hi, 1.03);
  const noisy = stats.medianInterval(rounds(1.03, 0.2));
  assert.ok(noisy.lo < 1.03 && noisy.hi > 1.03, JSON.stringify(noisy));
  assert.ok(noisy.hi - noisy.lo > 0.01, "noise widens it");
  assert.equal(stats.medianInterval(rounds(1.03, 0.2)), noisy, "seeded: the same rounds give the same interval");
});

test("bench verdict: a process far from the others widens the interval (processes are resampled)", () => {
  const agree = stats.medianInterval([...rounds(1, 0.02, 3)]);
  const apart = stats.medianInterval([...rounds(1, 0.02, 2), ...rounds(1.3, 0.02, 1)]);
  assert.ok(apart.hi - apart.lo > 3 * (agree.hi - agree.lo), `${JSON.stringify(agree)} ${JSON.stringify(apart)}`);
});

test("bench verdict: slower, faster and no difference follow the interval, with the A/A control beside", () => {
  const h = {
    string: {
      "ts-hot": rounds(1.1, 0.03),
      "aa-ts-hot": rounds(1, 0.03),
      "ts-default": rounds(0.9, 0.03),
      "wasm-hot": rounds(1.01, 0.2),
    },
  };
  const out = metrics.baselineRatios(h).string;
  assert.ok(out !== undefined);
  assert.is(out["ts-hot"]?.verdict, "slower");
  assert.ok((out["ts-hot"]?.lo ?? 0) > 1);
  assert.is(out["ts-default"]?.verdict, "faster");
  assert.is(out["wasm-hot"]?.verdict, "no difference");
  assert.ok(out["ts-hot"]?.same !== undefined, "the control is reported with its decoder");
  assert.ok(Math.abs((out["ts-hot"]?.same?.median ?? 0) - 1) < 0.01);
  assert.is(out["aa-ts-hot"], undefined, "the control is not a decoder of its own");
  // Above 1, but no further above it than two copies of one build measured apart.
  const near = metrics.baselineRatios({ s: { "ts-hot": rounds(1.03, 0.01), "aa-ts-hot": rounds(1.035, 0.01) } }).s;
  assert.is(near?.["ts-hot"]?.verdict, "within the control");
  const far = metrics.baselineRatios({ s: { "ts-hot": rounds(1.08, 0.01), "aa-ts-hot": rounds(1.02, 0.01) } }).s;
  assert.is(far?.["ts-hot"]?.verdict, "slower");
});

test.run();
