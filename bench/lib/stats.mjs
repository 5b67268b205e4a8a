// Small statistics over rounds and samples.

/** A seeded generator of numbers in [0, 1) (mulberry32: small and deterministic, enough for picking). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export function quantile(list, q) {
  const s = [...list].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (list) => quantile(list, 0.5);

/** Median, min and max of a list. */
export function summary(list) {
  return { median: median(list), min: Math.min(...list), max: Math.max(...list), n: list.length };
}

/** Element-wise a[i] / b[i]. */
export const divide = (a, b) => a.map((x, i) => x / b[i]);

/**
 * A 95 % interval of the median of per-round ratios kept per process (`[[r, …], …]`): a two-level
 * bootstrap (processes drawn with replacement, then rounds within each), since rounds of one
 * process share its state (code layout, heap) and are not independent of each other. Seeded:
 * a report rendered twice gives the same interval.
 */
export function medianInterval(perProcess, draws = 2000) {
  const rand = prng(0x9e3779b9);
  const groups = perProcess.filter((g) => g.length > 0);
  const medians = [];
  for (let d = 0; d < draws; d++) {
    const sample = [];
    for (let p = 0; p < groups.length; p++) {
      const g = groups[Math.floor(rand() * groups.length)];
      for (let i = 0; i < g.length; i++) sample.push(g[Math.floor(rand() * g.length)]);
    }
    medians.push(median(sample));
  }
  return { lo: quantile(medians, 0.025), hi: quantile(medians, 0.975) };
}
