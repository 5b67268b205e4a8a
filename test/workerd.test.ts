// Cloudflare's own runtime: the packed package is installed offline into a fresh project, the
// example Worker (examples/worker) and the workerd-side tests (test/workerd/tests.js) are bundled
// from it by esbuild with the Workers conditions, as wrangler does, and run under the `workerd`
// binary of the npm package: `workerd test` for the checks, `workerd serve` on 127.0.0.1 for the
// example answering HTTP. A missing binary is a failure, not a skip.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { installInto, pack } from "./helpers/pack.js";
import { vectorsJson } from "./helpers/vectors.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const here = join(root, "test", "workerd");
const dir = mkdtempSync(join(tmpdir(), "matrix-errors-workerd-"));
const app = join(dir, "app");
const out = join(dir, "out");
const installed = join(app, "node_modules", "matrix-errors");

/** The runtime binary the `workerd` npm package installed (its main export is the path). */
const workerd = (createRequire(import.meta.url)("workerd") as { default: string }).default;

/** What a Workers build resolves with: wrangler's conditions. */
const WORKERS_CONDITIONS = ["workerd", "worker", "browser"];

const measured: Record<string, string> = {};

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/**
 * `.wasm` imports as wrangler treats them: each file becomes a `wasm` module of the Worker, named
 * by its file name, and the import stays in the bundle. The files found are copied next to it.
 */
function wasmModules(found: Set<string>): Plugin {
  return {
    name: "wasm-modules",
    setup(b) {
      b.onResolve({ filter: /\.wasm$/ }, async (args) => {
        if (args.pluginData === "wasm-modules") return undefined;
        const { resolveDir, importer, kind } = args;
        const resolved = await b.resolve(args.path, { resolveDir, importer, kind, pluginData: "wasm-modules" });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        found.add(resolved.path);
        return { path: `./${basename(resolved.path)}`, external: true };
      });
    },
  };
}

const wasmFiles = new Set<string>();
let inputs: string[] = [];

function buildOptions(entryPoints: Record<string, string>): BuildOptions {
  return {
    entryPoints,
    absWorkingDir: app,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: WORKERS_CONDITIONS,
    // Modules the capnp config provides: the wasm file again as bytes, and the vectors as JSON.
    external: ["./decoder.bin", "./vectors.json"],
    plugins: [wasmModules(wasmFiles)],
    // Hono comes from the repository's dev dependencies; matrix-errors from the installed tarball.
    nodePaths: [join(root, "node_modules")],
    logLevel: "silent",
  };
}

test.before(async () => {
  installInto(app, pack(dir).tarball, "worker");
  mkdirSync(join(app, "src"), { recursive: true });
  copyFileSync(join(root, "examples", "worker", "src", "index.ts"), join(app, "src", "index.ts"));
  copyFileSync(join(here, "tests.js"), join(app, "tests.js"));
  // The vector checker tests.js shares with the Deno and Bun tests.
  copyFileSync(join(root, "test", "runtimes", "check-vectors.mjs"), join(app, "check-vectors.mjs"));

  const result = await build({
    ...buildOptions({ worker: "src/index.ts", tests: "tests.js" }),
    outdir: out,
    metafile: true,
  });
  inputs = Object.keys(result.metafile?.inputs ?? {});
  for (const file of wasmFiles) copyFileSync(file, join(out, basename(file)));
  for (const file of ["config.capnp", "serve.capnp", "homeserver.js"]) copyFileSync(join(here, file), join(out, file));
  writeFileSync(join(out, "vectors.json"), vectorsJson());

  const worker = readFileSync(join(out, "worker.js"));
  const wasm = readFileSync(join(out, "decoder.wasm"));
  const minified = await build({ ...buildOptions({ worker: "src/index.ts" }), minify: true, write: false });
  const min = minified.outputFiles?.[0]?.contents ?? fail("no minified bundle");
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
  measured["example bundle (worker.js + decoder.wasm), gzip"] =
    `${kib(gzipSync(worker).length + gzipSync(wasm).length)} ` +
    `(js ${kib(worker.length)} -> ${kib(gzipSync(worker).length)}, wasm ${kib(wasm.length)} -> ${kib(gzipSync(wasm).length)})`;
  measured["example bundle minified (as wrangler --minify), gzip"] = kib(gzipSync(min).length + gzipSync(wasm).length);
});

function fail(message: string): never {
  throw new Error(message);
}

test("the workerd binary from the npm package is there and runs", () => {
  assert.ok(existsSync(workerd), `no workerd binary at ${workerd}: npm install (with install scripts) first`);
  assert.match(run(workerd, ["--version"], root), /^workerd \d{4}-\d{2}-\d{2}/);
});

test("a Workers build (conditions workerd, worker, browser) takes the Workers loader of the installed package", () => {
  const pkg = "node_modules/matrix-errors/dist/";
  assert.ok(inputs.includes(`${pkg}wasm/workerd.js`), `bundle inputs: ${inputs.join(", ")}`);
  assert.not.ok(inputs.includes(`${pkg}wasm/node.js`), "the Node loader was bundled");
  assert.not.ok(
    inputs.some((path) => path.startsWith("node:")),
    "a node: module was bundled",
  );
  assert.equal([...wasmFiles], [join(installed, "dist", "decoder.wasm")]);
  const bundle = readFileSync(join(out, "worker.js"), "utf8");
  assert.match(bundle, /from "\.\/decoder\.wasm"/);
});

// ---------------------------------------------------------------------------------------------
// `workerd test`: one run, every exported test() of test/workerd/tests.js.

interface TestRun {
  status: number | null;
  output: string;
  stdout: string;
  ms: number;
}

let testRun: TestRun | undefined;

function workerdTests(): TestRun {
  if (testRun) return testRun;
  const start = performance.now();
  const res = spawnSync(workerd, ["test", "config.capnp"], { cwd: out, encoding: "utf8", timeout: 20_000 });
  if (res.error) throw res.error;
  testRun = { status: res.status, output: res.stderr, stdout: res.stdout, ms: performance.now() - start };
  return testRun;
}

function passed(name: string): void {
  const { output, stdout } = workerdTests();
  const line = new RegExp(`\\[ PASS \\] tests:${name} \\(`);
  assert.ok(line.test(output), `tests:${name} did not pass in workerd:\n${output}\n${stdout}`);
}

/** A `MATRIX_ERRORS <what> <json>` line the workerd tests printed. */
function reported(what: string): unknown {
  const line = workerdTests()
    .stdout.split("\n")
    .find((l) => l.startsWith(`MATRIX_ERRORS ${what} `));
  return JSON.parse(line?.slice(`MATRIX_ERRORS ${what} `.length) ?? fail(`no ${what} line`));
}

test("inside workerd: every test passes and workerd exits 0", () => {
  const { status, output, ms } = workerdTests();
  assert.not.match(output, /\[ FAIL \]/, output);
  assert.is(status, 0, output);
  const names = [...output.matchAll(/\[ PASS \] tests:(\w+)/g)].map((m) => m[1]);
  assert.equal(names.sort(), [
    "compileFromBytesRefused",
    "exampleDecodes429",
    "exampleDecodesOtherErrors",
    "examplePassesSuccessThrough",
    "honoAnswersThrownErrors",
    "timings",
    "toResponseStatusAndHeaders",
    "vectorsAgree",
  ]);
  measured["workerd test (spawn to exit, 8 tests incl. ~1.2 s of timing loops)"] = `${Math.round(ms)} ms`;
});

test("inside workerd: the WASM and TS decoders agree on every shared vector, in every input form", () => {
  passed("vectorsAgree");
  const { cases, decodes } = reported("vectors") as { cases: number; decodes: number };
  assert.ok(cases >= 127 && decodes >= 2 * cases, `${cases} cases, ${decodes} decodes`);
  console.log(
    `  covered: workerd (the npm binary): ${cases} vectors, ${decodes} decodes, TS ≡ WASM; the example against a stub homeserver`,
  );
});

test("inside workerd: compiling WebAssembly from bytes is refused; the .wasm module import works", () => {
  passed("compileFromBytesRefused");
  assert.match(String(reported("refused")), /Wasm code generation disallowed by embedder/);
});

test("inside workerd: the example decodes a stub homeserver's 429 with Retry-After (and other errors)", () => {
  passed("exampleDecodes429");
  passed("exampleDecodesOtherErrors");
  passed("examplePassesSuccessThrough");
});

test("inside workerd: toResponse() gives the right status and headers", () => {
  passed("toResponseStatusAndHeaders");
});

test("inside workerd: a Hono app answers thrown errors as Matrix JSON with no onError (getResponse)", () => {
  passed("honoAnswersThrownErrors");
});

test("inside workerd: per-decode time of both decoders (reported)", () => {
  passed("timings");
  const t = reported("timings") as Record<string, { ns: number; decodes: number }>;
  for (const [key, { ns, decodes }] of Object.entries(t)) {
    assert.ok(ns > 0 && decodes > 0, key);
    measured[`per decode in workerd, ${key.replace("_", ", ")}`] = `${(ns / 1000).toFixed(2)} µs (${decodes} decodes)`;
  }
});

// ---------------------------------------------------------------------------------------------
// `workerd serve`: the example on 127.0.0.1, a port the kernel picks, reported on a control fd.

function listening(child: ChildProcess): Promise<number> {
  const control = child.stdio[3] as Readable;
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(() => reject(new Error(`workerd did not listen within 10 s: ${text}`)), 10_000);
    control.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      for (const line of text.split("\n")) {
        const event = line.startsWith("{") ? (JSON.parse(line) as { event?: string; port?: number }) : undefined;
        if (event?.event === "listen" && typeof event.port === "number") {
          clearTimeout(timer);
          resolve(event.port);
        }
      }
    });
    child.once("exit", (code) => reject(new Error(`workerd exited (${code}) before listening`)));
  });
}

test("workerd serve: the example answers HTTP on 127.0.0.1 (cold start to first response measured)", async () => {
  const start = performance.now();
  const child = spawn(workerd, ["serve", "serve.capnp", "--control-fd=3"], {
    cwd: out,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  try {
    const port = await listening(child);
    const listenMs = performance.now() - start;
    const res = await fetch(`http://127.0.0.1:${port}/_matrix/client/v3/rooms/!r:hs/send/m.room.message/1`, {
      method: "PUT",
      signal: AbortSignal.timeout(5000),
    });
    const body = await res.json();
    const firstMs = performance.now() - start;
    assert.is(res.status, 429, stderr);
    assert.is(res.headers.get("retry-after"), "3");
    assert.equal(body, {
      class: "LimitExceeded",
      errcode: "M_LIMIT_EXCEEDED",
      message: "Too many requests",
      retryAfterMs: 3000,
      isSoftLogout: false,
    });
    const demo = await fetch(`http://127.0.0.1:${port}/_demo/limit-exceeded?retry_after_ms=1500`, {
      signal: AbortSignal.timeout(5000),
    });
    assert.is(demo.status, 429);
    assert.is(demo.headers.get("retry-after"), "2");
    assert.equal(await demo.json(), { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests", retry_after_ms: 1500 });
    measured["workerd serve: spawn to listening"] = `${Math.round(listenMs)} ms`;
    measured["workerd serve: spawn to first response (a decoded 429, WASM decoder created)"] =
      `${Math.round(firstMs)} ms`;
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.exitCode === null && child.signalCode === null && child.kill("SIGTERM")) await exited;
  }
});

test.after(() => {
  if (Object.keys(measured).length > 0) {
    console.log("\n  workerd measurements:");
    for (const [what, value] of Object.entries(measured)) console.log(`    ${what}: ${value}`);
  }
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});
test.run();
