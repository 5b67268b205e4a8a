// The report: one renderer for the terminal (aligned text) and results/*.md (Markdown).
import { summary } from "./stats.mjs";

const fmt = (x, d = 2) =>
  Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }) : "—";
const range = (s, d = 2) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;
const kB = (n) => (n ? fmt(n / 1000, 1) : "—");
const AGREE = 0.15; // benchmark.js and the paired ratio agree within ±15 %

/** A table as aligned text (`md` false) or Markdown; numeric columns are right-aligned. */
function table(head, rows, md) {
  const right = head.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-\d—(.,–× µ%)]+$/.test(String(r[i]).replace(/[a-zA-Z✔✘⚑]/g, ""))),
  );
  if (md) {
    const line = (r) => `| ${r.join(" | ")} |`;
    return [line(head), line(head.map((_, i) => (right[i] ? "---:" : "---"))), ...rows.map(line)].join("\n");
  }
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const pad = (r) => r.map((c, i) => String(c)[right[i] ? "padStart" : "padEnd"](width[i])).join("  ");
  return [pad(head), width.map((w) => "─".repeat(w)).join("  "), ...rows.map(pad)].join("\n");
}

const warm = (rows, md) =>
  table(
    ["contender", "ns/op", "× floor (min–max)"],
    Object.values(rows).map((r) => [r.label, fmt(summary(r.ns).median, 0), range(summary(r.ratio))]),
    md,
  );

const decoder = (id) =>
  id
    .replace(/^ts/, "TS")
    .replace(/^wasm/, "WASM")
    .replace("-hot", ", captureStack: false")
    .replace("-default", ", defaults");

const interval = (r) => `${fmt(r.median, 3)} [${fmt(r.lo, 3)}–${fmt(r.hi, 3)}]`;
const VERDICT = {
  faster: "✔ faster",
  "no difference": "✔ no difference",
  "within the control": "≈ above 1, within the A/A control",
  slower: "✘ slower",
};
const before = (b, md) =>
  table(
    ["scenario", "decoder", "current / baseline [95 % CI]", "A/A: current / its copy [95 % CI]", "verdict"],
    Object.entries(b).flatMap(([scenario, ids]) =>
      Object.entries(ids).map(([id, r]) => [
        scenario,
        decoder(id),
        interval(r),
        r.same ? interval(r.same) : "—",
        VERDICT[r.verdict],
      ]),
    ),
    md,
  );

const crosscheck = (check, rows, md) =>
  table(
    ["contender", "ns/decode", "rme", `benchmark.js ${check.version} × floor`, "paired × floor", "agreement (±15 %)"],
    Object.entries(check.results).map(([id, b]) => {
      const paired = summary(rows?.[id]?.ratio ?? []).median;
      const off = b.ratio / paired - 1;
      const agree = `${Math.abs(off) <= AGREE ? "✔" : "⚑"} ${fmt(off * 100, 0)} %`;
      return [rows?.[id]?.label ?? id, fmt(b.ns, 0), `± ${fmt(b.rme, 1)} %`, fmt(b.ratio), fmt(paired), agree];
    }),
    md,
  );

function samples(head, list, md) {
  const rows = list
    .map(([what, values, d]) => [what, values.filter(Number.isFinite), d])
    .filter(([, v]) => v.length > 0)
    .map(([what, v, d]) => [what, range(summary(v), d), String(v.length)]);
  return table([head, "median (min–max)", "samples"], rows, md);
}

function cold(c, md) {
  const of = (kind, field) => (c[kind] ?? []).map((s) => s[field]);
  return samples(
    "fresh process",
    [
      ["import of an empty module, by path (ms)", of("floor", "importMs")],
      ["import of an empty package, by name (ms)", of("package", "importMs")],
      ["import of a package with a class per errcode and nothing else, by name (ms)", of("classes", "importMs")],
      ["its first decode (µs)", of("classes", "firstUs"), 0],
      ["its first 1,000 decodes (ms)", of("classes", "first1000Ms")],
      ["first JSON.parse + new of a class extends Error (µs)", of("floor", "firstUs"), 0],
      ["import matrix-errors (ms)", of("ts", "importMs")],
      ["first decode after import, defaults (µs)", of("ts", "firstUs"), 0],
      ["first 1,000 decodes, defaults (ms)", of("ts", "first1000Ms")],
      ["import matrix-errors/wasm (ms)", of("wasm", "importMs")],
      ["createWasmDecoder(): read + compile + instantiate (ms)", of("wasm", "setupMs")],
      ["first WASM decode, defaults (µs)", of("wasm", "firstUs"), 0],
      ["first 1,000 WASM decodes, defaults (ms)", of("wasm", "first1000Ms")],
    ],
    md,
  );
}

function workerd(w, md) {
  if (w.error) return `not measured: ${w.error}`;
  const of = (kind, field) => w.cold[kind].map((s) => s[field]);
  const rows = Object.fromEntries(
    Object.entries(w.warm).map(([id, v]) => [
      id,
      { ...v, label: id === "floor" ? "TextDecoder + JSON.parse (floor)" : decoder(id) },
    ]),
  );
  const isolate = samples(
    "cold isolate (fresh workerd process)",
    [
      ["TS: first decode (µs)", of("ts", "firstUs"), 0],
      ["WASM: createWasmDecoder() of the module import (ms)", of("wasm", "setupMs")],
      ["WASM: first decode (µs)", of("wasm", "firstUs"), 0],
    ],
    md,
  );
  return `${isolate}\n\nwarm, per decode of the corpus's bytes (${w.version}):\n\n${warm(rows, md)}`;
}

const bundle = (b, md) =>
  table(
    ["bundle", "dist min kB", "dist gzip kB", "src gzip kB", "+ .wasm gzip kB", "largest modules (src, min kB)"],
    Object.entries(b).map(([name, x]) =>
      x.missing
        ? [name, "—", "—", "—", "—", x.missing]
        : [
            name,
            kB(x.minBytes),
            kB(x.gzipBytes),
            kB(x.src.gzipBytes),
            kB(x.wasmGzipBytes),
            x.modules
              .slice(0, 6)
              .map(([m, n]) => `${m} ${kB(n)}`)
              .join(", "),
          ],
    ),
    md,
  );

function targets(results, md) {
  const names = Object.keys(results.runtimes);
  const rows = results.targets.map((t) => [
    t.figure,
    `${t.max !== undefined ? "≤" : "≥"} ${t.max ?? t.min} ${t.unit}`,
    t.now,
    ...names.map((n) => {
      const j = results.runtimes[n].judged.find((x) => x.id === t.id);
      const d = t.unit === "B" || t.unit === "µs" ? 0 : t.max < 0.1 ? 3 : 2;
      if (j.status === "not measured") return j.status;
      const verdict = j.status === "met" ? "✔ met" : "✘ missed";
      const bound =
        j.bound === undefined
          ? ""
          : j.status === "out of reach"
            ? ` (out of reach: bound ${range(j.bound, d)})`
            : ` (bound ${range(j.bound, d)})`;
      return `${range(j.value, d)} ${t.unit} ${verdict}${bound}`;
    }),
  ]);
  return table(["figure", "target", "issue's now", ...names], rows, md);
}

/** The whole report, as text (`md` false) or Markdown. */
export function report(results, md) {
  const m = results.meta;
  const h = (level, title) => (md ? `${"#".repeat(level)} ${title}` : level <= 2 ? `━━ ${title} ━━` : `${title}:`);
  const parts = [
    h(1, `matrix-errors benchmark (${m.mode} run)`),
    "",
    `- Machine: ${m.cpu} × ${m.cores}, ${m.memoryGiB} GiB, ${m.os}`,
    `- Runtimes: ${Object.entries(results.runtimes)
      .map(([n, r]) => `${n} = Node ${r.version}`)
      .join(", ")}; ${results.workerd.version ?? "workerd not measured"}`,
    `- Commit: ${m.commit}${m.dirty ? " (with uncommitted changes in src/)" : ""}; ${m.date}; took ${m.seconds} s`,
    `- Baseline: ${m.baseline ? `${m.baseline.sha} (${m.baseline.ref}), its own build, in the same processes and rounds` : "none"}`,
    `- Corpus: ${m.corpus.count} bodies (${Object.entries(m.corpus.mix)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}), sha256 ${m.corpus.sha256.slice(0, 16)}…`,
    `- Method: ${m.processes} process(es) per scenario × ${m.rounds} rounds, chunks of ~${m.chunkMs} ms (floor, contender, contender, floor)${m.headToHeadRounds && m.baseline ? `; before/after head to head, ${m.headToHeadRounds} rounds per process (current, baseline, baseline, current)` : ""}; ${m.coldSamples} fresh processes per cold figure; benchmark.js ${m.bjsSeconds} s per contender. See bench/README.md.`,
  ];
  const bounds = results.targets
    .filter((t) => t.boundIs !== undefined)
    .map((t) => `- Bound of "${t.figure}": ${t.boundIs}.`);
  const goals = ["", h(2, "targets (bench/targets.json, from issue 13)"), "", targets(results, md), "", ...bounds];
  if (md) parts.push(...goals, "", "![ratios to the floor](latest.svg)");
  for (const [name, r] of Object.entries(results.runtimes)) {
    parts.push(
      "",
      h(2, `${name} (Node ${r.version})`),
      "",
      "Validation (✔ timed, ✘ not timed):",
      "",
      ...(md ? ["```", ...r.validationLines, "```"] : r.validationLines),
    );
    for (const [scenario, rows] of Object.entries(r.warm))
      parts.push(h(3, `warm: ${scenario}, ratio to the floor`), "", warm(rows, md), "");
    if (m.baseline && Object.keys(r.baseline).length > 0)
      parts.push(
        h(
          3,
          `before/after: current / baseline ${m.baseline.sha}, head to head, median of rounds and its 95 % interval (< 1: now faster)`,
        ),
        "",
        before(r.baseline, md),
        "",
      );
    for (const [scenario, check] of Object.entries(r.crosscheck))
      parts.push(h(3, `benchmark.js cross-check: ${scenario}`), "", crosscheck(check, r.warm[scenario], md), "");
    parts.push(h(3, "cold"), "", cold(r.cold, md));
  }
  parts.push("", h(2, "inside workerd"), "", workerd(results.workerd, md));
  parts.push(
    "",
    h(
      2,
      "bundle size (esbuild, minified, browser, gzip -9; from dist/ through the exports, and from src/ for the modules)",
    ),
    "",
    bundle(results.bundle, md),
  );
  if (!md) parts.push(...goals);
  return `${parts.join("\n")}\n`;
}
