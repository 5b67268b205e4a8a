// The chart: per runtime and scenario, each contender's ratio to the floor (median bar, min–max
// whisker), on one log scale so 1× and 20× both read. Plain SVG, no dependency.
import { summary } from "./stats.mjs";

const esc = (s) => String(s).replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function chart(results) {
  const panels = [];
  for (const [name, r] of Object.entries(results.runtimes)) {
    // retry's floor is a hot decode, not a parse: its ratios are in the tables, not on this scale.
    for (const [scenario, rows] of Object.entries(r.warm).filter(([s]) => s !== "retry")) {
      panels.push({
        title: `${name} (Node ${r.version}) · ${scenario}`,
        bars: Object.values(rows).map((x) => ({ label: x.label, ...summary(x.ratio) })),
      });
    }
  }
  const all = panels.flatMap((p) => p.bars);
  const lo = Math.min(0.5, ...all.map((b) => b.min).filter((x) => x > 0));
  const hi = Math.max(2, ...all.map((b) => b.max));
  // Labels are right-aligned before the bars: ~6 px a character at 11 px sans-serif.
  const left = 16 + 6 * Math.max(...all.map((b) => b.label.length));
  const [plot, row] = [460, 18];
  const x = (v) => left + (plot * Math.log(Math.max(v, lo) / lo)) / Math.log(hi / lo);
  const out = [];
  let y = 30;
  for (const p of panels) {
    out.push(`<text x="8" y="${y}" font-weight="bold">${esc(p.title)}</text>`);
    y += 8;
    for (const b of p.bars) {
      const colour = b.label.startsWith("matrix-errors")
        ? "#2b6cb0"
        : b.label.startsWith("baseline")
          ? "#90cdf4"
          : /floor/.test(b.label)
            ? "#999"
            : "#dd6b20";
      out.push(
        `<text x="${left - 6}" y="${y + 12}" text-anchor="end">${esc(b.label)}</text>`,
        `<rect x="${x(lo)}" y="${y + 3}" width="${Math.max(1, x(b.median) - x(lo))}" height="${row - 6}" fill="${colour}"/>`,
        `<line x1="${x(b.min)}" x2="${x(b.max)}" y1="${y + row / 2}" y2="${y + row / 2}" stroke="#000"/>`,
        `<text x="${x(b.max) + 4}" y="${y + 12}">${b.median.toFixed(2)}×</text>`,
      );
      y += row;
    }
    y += 22;
  }
  const ticks = [0.5, 1, 2, 5, 10, 20, 50].filter((t) => t >= lo && t <= hi);
  const grid = ticks.map(
    (t) =>
      `<line x1="${x(t)}" x2="${x(t)}" y1="14" y2="${y - 20}" stroke="#ddd"/><text x="${x(t)}" y="${y - 6}" text-anchor="middle">${t}×</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${left + plot + 70}" height="${y + 4}" font-family="sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="8" y="14" fill="#555">Ratio to the scenario's floor (log scale): bar = median over rounds, line = min–max. Blue: matrix-errors; light blue: the baseline commit; orange: peers and reference; grey: floors.</text>
${grid.join("\n")}
${out.join("\n")}
</svg>
`;
}
