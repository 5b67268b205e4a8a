// Small statistics over rounds.
export function sorted(list) {
  return [...list].sort((a, b) => a - b);
}

export function quantile(list, q) {
  const s = sorted(list);
  if (s.length === 0) return Number.NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export const median = (list) => quantile(list, 0.5);

/** Median, min and max of a list. */
export function summary(list) {
  const s = sorted(list);
  return { median: median(s), min: s[0], max: s.at(-1), n: s.length };
}

/** Robust spread in % of the median: 1.4826 × median absolute deviation (≈ one sd for normal data). */
export function robustPct(list) {
  const m = median(list);
  const mad = median(list.map((x) => Math.abs(x - m)));
  return (100 * 1.4826 * mad) / m;
}

/** Element-wise a[i] / b[i]. */
export function divide(a, b) {
  return a.map((x, i) => x / b[i]);
}
