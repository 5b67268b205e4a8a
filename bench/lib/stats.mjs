// Small statistics over rounds and samples.
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
