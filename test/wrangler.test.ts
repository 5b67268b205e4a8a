// wrangler, Cloudflare's own tool (a dev dependency; it needs Node >= 22, so it runs under the
// node22 dev dependency): `wrangler deploy --dry-run` bundles examples/worker from the packed
// package, and `wrangler dev --local` serves it on 127.0.0.1 against the stub homeserver of the
// workerd test, here served by Node on 127.0.0.1. Offline: no login, no metrics, no update check,
// no `Request.cf` download; any other request would go to a dead local proxy.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { installInto, pack, root } from "./helpers/pack.js";
import { freePort, type StubHomeserver, startStubHomeserver } from "./runtimes/stub-homeserver.js";

const node22 = join(root, "node_modules", "node22", "bin", "node");
const wranglerJs = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const dir = mkdtempSync(join(tmpdir(), "matrix-errors-wrangler-"));
const app = join(dir, "app");
const out = join(dir, "out");
const covered: string[] = [];

/** wrangler's environment: nothing of ours (no token), every home and cache in the temp dir. */
function wranglerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env["PATH"] ?? "",
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, "xdg"),
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    // The banner checks the npm registry for a newer wrangler.
    WRANGLER_HIDE_BANNER: "true",
    WRANGLER_LOG_PATH: join(dir, "logs"),
    // Miniflare downloads a `Request.cf` object from workers.cloudflare.com unless told not to.
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    // Anything else that tries the network meets a closed local port.
    HTTPS_PROXY: "http://127.0.0.1:9",
    HTTP_PROXY: "http://127.0.0.1:9",
    NO_PROXY: "127.0.0.1,localhost",
    NO_COLOR: "1",
    CI: "1",
  };
  return env;
}

const wrangler = (args: string[]): string[] => [wranglerJs, ...args];

// Set up in the first test, not in test.before: uvu reports nothing (and exits 0) when a before
// hook throws.
let installed = false;

function setUp(): void {
  const { tarball } = pack(dir);
  installInto(app, tarball, "matrix-errors-example-worker");
  for (const file of ["src", "wrangler.toml", "tsconfig.json"]) {
    cpSync(join(root, "examples", "worker", file), join(app, file), { recursive: true });
  }
  mkdirSync(join(dir, "xdg"));
  installed = true;
}

function needsApp(): void {
  if (!installed) throw new Error("the example project was not set up (see the first test)");
}

test("the example, with the packed package installed; wrangler runs under the node22 dev dependency", () => {
  setUp();
  assert.ok(existsSync(node22), `no Node 22 binary at ${node22}: npm ci first`);
  assert.ok(existsSync(wranglerJs), `no wrangler at ${wranglerJs}: npm ci first`);
  const res = spawnSync(node22, wrangler(["--version"]), { cwd: app, env: wranglerEnv(), encoding: "utf8" });
  assert.is(res.status, 0, res.stderr);
  const pinned = (
    JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> }
  ).devDependencies["wrangler"];
  assert.match(res.stdout, pinned ?? "?");
});

test("wrangler deploy --dry-run bundles the example with the Workers loader and decoder.wasm as a module", () => {
  needsApp();
  const start = performance.now();
  const res = spawnSync(node22, wrangler(["deploy", "--dry-run", "--outdir", out]), {
    cwd: app,
    env: wranglerEnv(),
    encoding: "utf8",
    timeout: 120_000,
  });
  const ms = performance.now() - start;
  assert.is(res.status, 0, `${res.stdout}\n${res.stderr}`);
  assert.match(res.stdout, /--dry-run: exiting now/);
  const files = readdirSync(out);
  const wasmFile = files.find((f) => f.endsWith("decoder.wasm"));
  assert.ok(wasmFile, `no decoder.wasm in ${files.join(", ")}`);
  // The module uploaded is the installed package's decoder.wasm, byte for byte.
  const installed = readFileSync(join(app, "node_modules", "matrix-errors", "dist", "decoder.wasm"));
  assert.ok(readFileSync(join(out, wasmFile)).equals(installed), "decoder.wasm differs from the package's");
  const bundle = readFileSync(join(out, "index.js"), "utf8");
  assert.ok(bundle.includes(`from "./${wasmFile}"`), "the bundle does not import decoder.wasm as a module");
  const sources = (JSON.parse(readFileSync(join(out, "index.js.map"), "utf8")) as { sources: string[] }).sources;
  const ours = sources.filter((s) => s.includes("node_modules/matrix-errors/"));
  assert.ok(
    ours.some((s) => s.endsWith("dist/wasm/workerd.js")),
    `the Workers loader is not in the bundle: ${ours.join(", ")}`,
  );
  assert.not.ok(
    ours.some((s) => s.endsWith("dist/wasm/node.js")),
    "the Node loader is in the bundle",
  );
  const upload = /Total Upload: ([^\n]+)/.exec(res.stdout)?.[1] ?? "?";
  covered.push(
    `wrangler deploy --dry-run: ${ours.length} package files + ${wasmFile.replace(/^\w+-/, "")} bundled, upload ${upload}; ${Math.round(ms)} ms`,
  );
});

// ---------------------------------------------------------------------------------------------
// wrangler dev: its own workerd, on 127.0.0.1, the example proxying to the stub homeserver.

interface Dev {
  child: ChildProcess;
  log: () => string;
  url: string;
}

function ready(child: ChildProcess, log: () => string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrangler dev not ready within 60 s:\n${log()}`)), 60_000);
    const check = (): void => {
      if (log().includes(`Ready on http://127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`wrangler dev exited (${code}) before it was ready:\n${log()}`));
    });
  });
}

/** Stops wrangler dev and the workerd it started: the whole process group, then waits for it. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const group = -child.pid;
  process.kill(group, "SIGTERM");
  const timer = setTimeout(() => {
    try {
      process.kill(group, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler by a moment; take the rest of the group down too.
  try {
    process.kill(group, "SIGKILL");
  } catch {
    // no process left in the group
  }
}

// Ports are picked free, then bound by wrangler's workerd a moment later: another process may take
// one in between ("Address already in use"). That, and only that, is tried again with new ports.
async function startDev(homeserver: StubHomeserver): Promise<Dev> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevOnce(homeserver);
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/.test(String(error))) throw error;
      console.log(`  wrangler dev: a port was taken before it bound, attempt ${attempt + 1} with new ports`);
    }
  }
}

async function startDevOnce(homeserver: StubHomeserver): Promise<Dev> {
  const port = await freePort();
  const inspector = await freePort();
  const args = ["dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector)];
  args.push("--var", `HOMESERVER_URL:${homeserver.url}`, "--persist-to", join(dir, "state"));
  args.push("--show-interactive-dev-session=false", "--log-level", "info");
  // Its own process group, so that stop() ends wrangler and its workerd, and nothing else.
  const child = spawn(node22, wrangler(args), {
    cwd: app,
    env: wranglerEnv(),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const log = (): string => text;
  try {
    await ready(child, log, port);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { child, log, url: `http://127.0.0.1:${port}` };
}

test("wrangler dev serves the example on 127.0.0.1; the proxied 429 decodes as LimitExceeded with its Retry-After", async () => {
  needsApp();
  const homeserver = await startStubHomeserver();
  let dev: Dev | undefined;
  try {
    const start = performance.now();
    dev = await startDev(homeserver);
    const readyMs = performance.now() - start;
    const get = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${dev?.url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
      return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, unknown> };
    };

    const limited = await get("/_matrix/client/v3/rooms/!r:hs/send/m.room.message/1", { method: "PUT" });
    assert.is(limited.status, 429, dev.log());
    assert.is(limited.headers.get("retry-after"), "3");
    // Retry-After (3 s) wins over the body's retry_after_ms (5000).
    assert.equal(limited.json, {
      class: "LimitExceeded",
      errcode: "M_LIMIT_EXCEEDED",
      message: "Too many requests",
      retryAfterMs: 3000,
      isSoftLogout: false,
    });
    assert.ok(
      homeserver.seen.some(
        (r) => r.method === "PUT" && r.path === "/_matrix/client/v3/rooms/!r:hs/send/m.room.message/1",
      ),
      `the stub homeserver did not see the request: ${JSON.stringify(homeserver.seen)}`,
    );

    const soft = await get("/_matrix/client/v3/sync");
    assert.is(soft.status, 401);
    assert.equal([soft.json["class"], soft.json["isSoftLogout"]], ["UnknownToken", true]);
    const page = await get("/_matrix/client/v3/proxy-down");
    assert.equal([page.status, page.json["class"]], [502, "NonMatrixResponse"]);
    const ok = await get("/_matrix/client/v3/login", { method: "POST", body: "{}" });
    assert.equal([ok.status, ok.json["url"]], [200, `${homeserver.url}/_matrix/client/v3/login`]);

    const demo = await fetch(`${dev.url}/_demo/limit-exceeded?retry_after_ms=1500`, {
      signal: AbortSignal.timeout(10_000),
    });
    assert.is(demo.status, 429);
    assert.is(demo.headers.get("retry-after"), "2");
    assert.equal(await demo.json(), { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests", retry_after_ms: 1500 });

    // Offline: nothing was fetched from (or failed to reach) the internet.
    assert.not.match(dev.log(), /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|Unable to fetch|update available/i, dev.log());
    covered.push(
      `wrangler dev --local: 5 requests through the example to a stub homeserver (429 → LimitExceeded, Retry-After 3), ` +
        `spawn to ready ${Math.round(readyMs)} ms`,
    );
  } finally {
    if (dev) await stop(dev.child);
    await homeserver.close();
  }
});

test.after(() => {
  for (const line of covered) console.log(`\n  covered: ${line}`);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});
test.run();
