// The report: plain-text tables for the terminal, the same tables in Markdown, and the targets.
import { summary } from "./stats.mjs";

const fmt = (x, d = 2) =>
  x === undefined || !Number.isFinite(x)
    ? "—"
    : x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const range = (s, d = 2) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;

/** A table as aligned text (`md` false) or Markdown; numbers are right-aligned. */
export function table(head, rows, md) {
  const right = head.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[\d—(.,–× µ)KBms-]+$/.test(String(r[i]).replace(/[a-z]/g, ""))),
  );
  if (md) {
    const line = (r) => `| ${r.join(" | ")} |`;
    return [line(head), line(head.map((_, i) => (right[i] ? "---:" : "---"))), ...rows.map(line)].join("\n");
  }
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const pad = (r) => r.map((c, i) => (right[i] ? String(c).padStart(width[i]) : String(c).padEnd(width[i]))).join("  ");
  return [pad(head), width.map((w) => "─".repeat(w)).join("  "), ...rows.map(pad)].join("\n");
}

export function warmTable(rows, md) {
  const body = Object.values(rows).map((r) => [r.label, fmt(summary(r.ns).median, 0), range(summary(r.ratio))]);
  return table(["contender", "ns/op", "× floor (min–max)"], body, md);
}

const VERDICT_TOLERANCE = 0.15;

export function baselineTable(before, md) {
  const rows = Object.entries(before).flatMap(([scenario, ids]) =>
    Object.entries(ids).map(([id, r]) => [
      scenario,
      id
        .replace(/^ts/, "TS")
        .replace(/^wasm/, "WASM")
        .replace("-hot", ", captureStack: false")
        .replace("-default", ", defaults"),
      range(r),
      r.median <= 1 ? "✔ not slower" : "✘ slower",
    ]),
  );
  return table(["scenario", "decoder", "current / baseline (min–max)", "verdict"], rows, md);
}

/** benchmark.js's ratio to the floor beside the paired one, and whether they agree within ±15 %. */
export function crosscheckTable(check, rows, md) {
  const body = Object.entries(check.results).map(([id, b]) => {
    const paired = rows?.[id] ? summary(rows[id].ratio).median : Number.NaN;
    const off = b.ratio / paired - 1;
    return [
      rows?.[id]?.label ?? id,
      fmt(b.ns, 0),
      `± ${fmt(b.rme, 1)} %`,
      fmt(b.ratio),
      fmt(paired),
      Math.abs(off) <= VERDICT_TOLERANCE ? `✔ ${fmt(off * 100, 0)} %` : `⚑ ${fmt(off * 100, 0)} %`,
    ];
  });
  return table(
    ["contender", "ns/decode", "rme", `benchmark.js ${check.version} × floor`, "paired × floor", "agreement (±15 %)"],
    body,
    md,
  );
}

export function coldTable(cold, md) {
  const line = (what, list, field, d) => {
    const values = (list ?? []).map((s) => s[field]).filter(Number.isFinite);
    return values.length ? [what, range(summary(values), d), String(values.length)] : undefined;
  };
  const rows = [
    line("import of an empty module (ms)", cold.floor, "importMs"),
    line("first JSON.parse + new of a class extends Error (µs)", cold.floor, "firstUs", 0),
    line("import matrix-errors (ms)", cold.ts, "importMs"),
    line("first decode after import, defaults (µs)", cold.ts, "firstUs", 0),
    line("first 1,000 decodes, defaults (ms)", cold.ts, "first1000Ms"),
    line("import matrix-errors/wasm (ms)", cold.wasm, "importMs"),
    line("createWasmDecoder(): read + compile + instantiate (ms)", cold.wasm, "setupMs"),
    line("first WASM decode, defaults (µs)", cold.wasm, "firstUs", 0),
    line("first 1,000 WASM decodes, defaults (ms)", cold.wasm, "first1000Ms"),
  ].filter(Boolean);
  return table(["fresh process", "median (min–max)", "samples"], rows, md);
}

export function workerdTables(w, md) {
  if (w.error) return `not measured: ${w.error}`;
  const line = (what, list, field, d) => [what, range(summary(list.map((s) => s[field])), d), String(list.length)];
  const cold = table(
    ["cold isolate (fresh workerd process)", "median (min–max)", "samples"],
    [
      line("TS: first decode (µs)", w.cold.ts, "firstUs", 0),
      line("WASM: createWasmDecoder() of the module import (ms)", w.cold.wasm, "setupMs"),
      line("WASM: first decode (µs)", w.cold.wasm, "firstUs", 0),
    ],
    md,
  );
  const labels = {
    floor: "TextDecoder + JSON.parse (floor)",
    "ts-hot": "TS, captureStack: false",
    "ts-default": "TS, defaults (stack)",
    "wasm-hot": "WASM, captureStack: false",
    "wasm-default": "WASM, defaults (stack)",
  };
  const rows = Object.fromEntries(Object.entries(w.warm).map(([k, v]) => [k, { ...v, label: labels[k] }]));
  return `${cold}\n\nwarm, per decode of the corpus's bytes (${w.version}):\n\n${warmTable(rows, md)}`;
}

export function bundleTable(bundle, md) {
  const kB = (n) => (n ? fmt(n / 1000, 1) : "—");
  const rows = Object.entries(bundle).map(([name, b]) =>
    b.missing
      ? [name, "—", "—", "—", "—", b.missing]
      : [
          name,
          kB(b.minBytes),
          kB(b.gzipBytes),
          kB(b.src.gzipBytes),
          kB(b.wasmGzipBytes),
          b.modules
            .slice(0, 6)
            .map(([m, n]) => `${m} ${kB(n)}`)
            .join(", "),
        ],
  );
  const head = [
    "bundle",
    "dist min kB",
    "dist gzip kB",
    "src gzip kB",
    "+ .wasm gzip kB",
    "largest modules (src, min kB)",
  ];
  return table(head, rows, md);
}

export function targetsTable(results, md) {
  const names = Object.keys(results.runtimes);
  const head = ["figure", "target", "issue's now", ...names];
  const rows = results.targets.map((t) => {
    const cells = names.map((n) => {
      const j = results.runtimes[n].judged?.find((x) => x.id === t.id) ?? {};
      if (j.status === "not measured") return j.reason ?? "not measured";
      const d = t.unit === "B" || t.unit === "µs" ? 0 : t.max < 0.1 ? 3 : 2;
      return `${fmt(j.value.median, d)} ${t.unit} (${fmt(j.value.min, d)}–${fmt(j.value.max, d)}) ${j.status === "met" ? "✔ met" : "✘ missed"}`;
    });
    return [t.figure, `${t.max !== undefined ? "≤" : "≥"} ${t.max ?? t.min} ${t.unit}`, t.now, ...cells];
  });
  return table(head, rows, md);
}

/** The whole report as Markdown. */
export function markdown(results) {
  const m = results.meta;
  const parts = [
    `# matrix-errors benchmark (${m.mode} run)`,
    "",
    `- **Machine:** ${m.cpu} × ${m.cores}, ${m.memoryGiB} GiB, ${m.os}`,
    `- **Runtimes:** ${Object.entries(results.runtimes)
      .map(([n, r]) => `${n} = Node ${r.version}`)
      .join(", ")}; ${results.workerd.version ?? "workerd not measured"}`,
    `- **Commit:** \`${m.commit}\`${m.dirty ? " (with uncommitted changes in src/)" : ""}; ${m.date}; took ${m.seconds} s`,
    `- **Corpus:** ${m.corpus.count} bodies (${Object.entries(m.corpus.mix)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}), sha256 \`${m.corpus.sha256.slice(0, 16)}…\``,
    `- **Method:** ${m.processes} process(es) per scenario × ${m.rounds} rounds, chunks of ~${m.chunkMs} ms (floor, contender, contender, floor); ${m.coldSamples} fresh processes per cold figure. See bench/README.md.`,
    "",
    "## Targets (issue 13)",
    "",
    targetsTable(results, true),
    "",
    "![ratios to the floor](latest.svg)",
  ];
  for (const [name, r] of Object.entries(results.runtimes)) {
    parts.push(
      "",
      `## ${name} (Node ${r.version})`,
      "",
      "Validation (✔ timed, ✘ not timed):",
      "",
      "```",
      ...r.validationLines,
      "```",
    );
    for (const [scenario, rows] of Object.entries(r.warm))
      parts.push("", `### warm: ${scenario}`, "", warmTable(rows, true));
    if (Object.keys(r.baseline ?? {}).length > 0)
      parts.push(
        "",
        `### before/after: current / baseline \`${m.baseline.sha}\` (${m.baseline.ref}), round by round`,
        "",
        baselineTable(r.baseline, true),
      );
    for (const [scenario, check] of Object.entries(r.crosscheck ?? {}))
      parts.push("", `### benchmark.js cross-check: ${scenario}`, "", crosscheckTable(check, r.warm[scenario], true));
    parts.push("", "### cold", "", coldTable(r.cold, true));
  }
  parts.push("", "## Inside workerd", "", workerdTables(results.workerd, true));
  parts.push(
    "",
    "## Bundle size (esbuild, minified, browser, gzip -9; from dist/ through the exports, and from src/ for the modules)",
    "",
    bundleTable(results.bundle, true),
    "",
  );
  return parts.join("\n");
}
