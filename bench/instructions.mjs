#!/usr/bin/env node
// Instructions per decode, counted by callgrind instead of timed: a figure this machine's noise
// (±5 % between paired runs) cannot move, for questions such as "does 0.2 do more work than 0.1
// on the no-stack path?". V8 runs single-threaded (`--single-threaded`: no concurrent compiler or
// GC threads) with fixed seeds: the same command gives the same count, and two runs of this script
// agree within ~1 % per decode (addresses still move). A decode's count is the difference
// between 40 and 10 passes over the corpus, so start-up, import and tier-up cancel; the simulated
// caches (callgrind's model of this CPU's, not the CPU itself) give L1 misses per decode too.
// Not part of `npm run bench`: needs valgrind. After `npm run build`:
//   node bench/instructions.mjs [--baseline <ref>]    (default cc3e015, built by lib/baseline.mjs)
import { execFile } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { buildBaseline } from "./lib/baseline.mjs";
import { MIX } from "./lib/corpus.mjs";

const run = promisify(execFile);
const self = fileURLToPath(import.meta.url);
const PASSES = [10, 40];

// Child: `node instructions.mjs --drive <dist> <passes> <ts|wasm> <string|bytes> <hot|defaults>`.
if (process.argv[2] === "--drive") {
  const [dir, passes, kind, input, mode] = process.argv.slice(3);
  const { generate } = await import("./lib/corpus.mjs");
  const entries = generate();
  const inputs = entries.map((e) => (input === "bytes" ? new TextEncoder().encode(e.body) : e.body));
  const inits = entries.map((e) =>
    mode === "hot"
      ? { status: e.status, headers: e.headers, captureStack: false }
      : { status: e.status, headers: e.headers },
  );
  const decode =
    kind === "wasm"
      ? (await (await import(`${dir}/wasm/node.js`)).createWasmDecoder()).decode
      : (await import(`${dir}/index.js`)).decode;
  const sink = new Array(32);
  for (let p = 0; p < Number(passes); p++)
    for (let i = 0; i < inputs.length; i++) sink[i & 31] = decode(inputs[i], inits[i]);
  process.exit(0);
}

async function counts(dir, passes, path) {
  const args = ["--tool=callgrind", "--cache-sim=yes", "--callgrind-out-file=/dev/null", "--smc-check=all"];
  const { stderr } = await run(
    "valgrind",
    [
      ...args,
      process.execPath,
      "--single-threaded",
      "--hash-seed=1",
      "--random-seed=1",
      self,
      "--drive",
      dir,
      String(passes),
      ...path,
    ],
    {
      maxBuffer: 1 << 24,
    },
  );
  const read = (label) =>
    Number(new RegExp(`${label}:\\s+([\\d,]+)`).exec(stderr)?.[1].replaceAll(",", "") ?? Number.NaN);
  return { ir: read("I {3}refs"), i1: read("I1 {2}misses"), d1: read("D1 {2}misses") };
}

async function perDecode(dir, path) {
  const [a, b] = await Promise.all(PASSES.map((p) => counts(dir, p, path)));
  const n = (PASSES[1] - PASSES[0]) * Object.values(MIX).reduce((a, b) => a + b, 0);
  return { ir: (b.ir - a.ir) / n, i1: (b.i1 - a.i1) / n, d1: (b.d1 - a.d1) / n };
}

const at = process.argv.indexOf("--baseline");
const base = buildBaseline(at > 0 ? process.argv[at + 1] : "cc3e015");
const builds = [
  ["current", fileURLToPath(new URL("../dist", import.meta.url))],
  [`baseline ${base.sha}`, `${base.dir}dist`],
];
const paths = [
  ["ts", "string", "hot"],
  ["ts", "bytes", "hot"],
  ["wasm", "string", "hot"],
  ["wasm", "bytes", "hot"],
];
// Two valgrind processes per measurement, run side by side: counts do not depend on load.
const jobs = Math.max(1, Math.floor(availableParallelism() / 2));
const todo = paths.flatMap((path) => builds.map(([name, dir]) => ({ path, name, dir })));
const results = [];
for (let i = 0; i < todo.length; i += jobs) {
  const batch = todo.slice(i, i + jobs);
  results.push(...(await Promise.all(batch.map(async (t) => ({ ...t, ...(await perDecode(t.dir, t.path)) })))));
}
console.log(`${process.version}, per decode (${PASSES[1]} − ${PASSES[0]} passes of 1,000 bodies), callgrind`);
console.log("path                  build              instructions  I1 misses  D1 misses  current / baseline");
for (const path of paths) {
  const [cur, old] = builds.map(([name]) => results.find((r) => r.path === path && r.name === name));
  for (const r of [cur, old]) {
    const ratio = r === cur ? `${(cur.ir / old.ir).toFixed(3)} (I1 ${(cur.i1 / old.i1).toFixed(2)})` : "";
    console.log(
      `${path.join(" ").padEnd(22)}${r.name.padEnd(19)}${Math.round(r.ir).toLocaleString("en").padStart(12)}${Math.round(r.i1).toString().padStart(11)}${Math.round(r.d1).toString().padStart(11)}  ${ratio}`,
    );
  }
}
