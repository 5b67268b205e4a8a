// matrix-errors in Chromium as a bundler user gets it: the packed tarball installed offline into
// a fresh project, bundled by esbuild with the `browser` condition and no `.wasm` configuration,
// served from 127.0.0.1 beside stub homeserver endpoints (one of them on a second origin). The
// page (test/browser/page.js) runs the shared vectors through both decoders and decodeResponse
// on real fetch responses and reports plain data; this file judges it.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type BrowserContext, chromium } from "playwright-core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadVectors, vectorsJson } from "./helpers/vectors.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "matrix-errors-browser-"));
const app = join(dir, "app");
const servers: Server[] = [];
let context: BrowserContext | undefined;

type Wire = unknown;
interface Observed {
  /** What the vector checker (test/runtimes/check-vectors.mjs) found wrong, in the page. */
  misses: string[];
  constructorName: string;
  isInstance: boolean;
}
interface Summary {
  class: string;
  errcode: string;
  status: Wire;
  retryAfterMs: Wire;
  reason: Wire;
  raw: Wire;
  seenRetryAfter?: Wire;
  error?: string;
}
interface Report {
  vectors: Record<"ts" | "wasm", { name: string; form: string; got: Observed }[]>;
  responses: Record<string, Summary>;
  loaded: Record<string, Summary>;
  notFound: string;
}

const run = (command: string, args: string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** The page's marker for `undefined` back to `undefined`. */
const unwire = (value: Wire): unknown =>
  typeof value === "object" && value !== null && "$undefined" in value ? undefined : value;

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

const LIMITED = JSON.stringify({ errcode: "M_LIMIT_EXCEEDED", error: "Slow down", retry_after_ms: 1500 });
const HTML = "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>";

/** The stub homeserver endpoints both origins serve; CORS headers for the page's origin. */
function stub(req: IncomingMessage, res: ServerResponse, cors: boolean): boolean {
  const base = cors ? { "access-control-allow-origin": "*" } : {};
  if (req.url === "/stub/429" || req.url === "/stub/429-exposed") {
    const expose = req.url.endsWith("-exposed") ? { "access-control-expose-headers": "Retry-After" } : {};
    res.writeHead(429, { ...base, ...expose, "content-type": "application/json", "retry-after": "7" }).end(LIMITED);
    return true;
  }
  if (req.url === "/stub/502") {
    res.writeHead(502, { ...base, "content-type": "text/html" }).end(HTML);
    return true;
  }
  return false;
}

let report: Report;
let bundleBytes = 0;
const pageErrors: string[] = [];

test.before(async () => {
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], root)) as { filename: string }[];
  const tarball = join(dir, packed[0]?.filename ?? "");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{"name":"app","private":true,"type":"module"}');
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], app);
  copyFileSync(join(root, "test", "browser", "page.js"), join(app, "page.js"));
  copyFileSync(join(root, "test", "runtimes", "check-vectors.mjs"), join(app, "check-vectors.mjs"));
  // As a user's bundler config would be: nothing about .wasm.
  const result = await build({
    absWorkingDir: app,
    entryPoints: ["page.js"],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["browser"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const bundle = result.outputFiles[0]?.contents ?? new Uint8Array(0);
  bundleBytes = bundle.byteLength;
  const wasm = readFileSync(join(app, "node_modules", "matrix-errors", "dist", "decoder.wasm"));
  const vectors = vectorsJson();

  const other = await listen((req, res) => {
    if (!stub(req, res, true)) res.writeHead(404).end();
  });
  const origin = await listen((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (stub(req, res, false)) return;
    if (path === "/") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end('<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
    } else if (path === "/page.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else if (path === "/vectors.json") res.writeHead(200, { "content-type": "application/json" }).end(vectors);
    else if (path === "/decoder.wasm") res.writeHead(200, { "content-type": "application/wasm" }).end(wasm);
    else if (path === "/decoder-octet-stream.wasm") {
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(wasm);
    } else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });

  context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  await page.goto(`${origin}/?other=${encodeURIComponent(other)}`);
  await page.waitForFunction(() => "report" in window);
  const outcome = (await page.evaluate(() => (window as unknown as { report: Promise<unknown> }).report)) as
    | { ok: true; result: Report }
    | { ok: false; error: string };
  if (!outcome.ok) throw new Error(`the page failed: ${outcome.error}`);
  report = outcome.result;
});

test.after(async () => {
  await context?.close();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

test("esbuild bundles the page from the tarball with the browser condition and no .wasm loader; no page errors", () => {
  assert.ok(bundleBytes > 0);
  assert.equal(pageErrors, []);
});

for (const decoder of ["ts", "wasm"] as const) {
  test(`Chromium, ${decoder === "ts" ? "decode" : "await createWasmDecoder() (the inlined module)"}: every shared vector, every input form`, () => {
    const cases = new Map(loadVectors().map((c) => [c.name, c]));
    const results = report.vectors[decoder];
    assert.ok(cases.size >= 127, `only ${cases.size} cases`);
    assert.is(new Set(results.map((r) => r.name)).size, cases.size, "every case ran");
    for (const r of results) {
      assert.equal(r.got.misses, [], `${r.name} (${r.form})`);
      assert.ok(r.got.isInstance, `${r.name} (${r.form}): instanceof the exported class`);
    }
    console.log(
      `  covered: Chromium (/usr/bin/chromium, headless): ${decoder} decoder, ${cases.size} vectors, ${results.length} decodes, in a page bundled by esbuild from the tarball`,
    );
  });
}

test("Chromium: class names survive esbuild (constructor.name, what DevTools shows, is the class name)", () => {
  const cases = new Map(loadVectors().map((c) => [c.name, c]));
  const renamed = new Set<string>();
  for (const r of [...report.vectors.ts, ...report.vectors.wasm]) {
    const want = cases.get(r.name)?.expect.class;
    if (r.got.constructorName !== want) renamed.add(`${String(want)} -> ${r.got.constructorName}`);
  }
  assert.equal([...renamed], []);
});

for (const decoder of ["ts", "wasm"] as const) {
  test(`Chromium, ${decoder} decodeResponse: Retry-After is seen same-origin and cross-origin with Access-Control-Expose-Headers; hidden without it, retry_after_ms is used`, () => {
    const r = report.responses;
    const same = r[`${decoder} sameOrigin429`];
    const hidden = r[`${decoder} crossOrigin429`];
    const exposed = r[`${decoder} crossOrigin429Exposed`];
    for (const s of [same, hidden, exposed]) {
      assert.is(s?.class, "LimitExceeded");
      assert.is(s?.status, 429);
    }
    assert.is(same?.seenRetryAfter, "7");
    assert.is(same?.retryAfterMs, 7000);
    assert.is(unwire(hidden?.seenRetryAfter), undefined, "the browser hides a header not exposed");
    assert.is(hidden?.retryAfterMs, 1500);
    assert.is(exposed?.seenRetryAfter, "7");
    assert.is(exposed?.retryAfterMs, 7000);
  });

  test(`Chromium, ${decoder} decodeResponse: an HTML 502 is a NonMatrixResponse with its status and text`, () => {
    const html = report.responses[`${decoder} html502`];
    assert.is(html?.class, "NonMatrixResponse");
    assert.is(html?.errcode, "M_UNKNOWN");
    assert.is(html?.status, 502);
    assert.is(html?.reason, "not_json");
    assert.is(html?.raw, HTML);
  });
}

test("Chromium: createWasmDecoder takes a URL, a Response, a Promise<Response> (also with the wrong MIME type) and a Module", () => {
  const want = {
    class: "LimitExceeded",
    errcode: "M_LIMIT_EXCEEDED",
    status: 429,
    retryAfterMs: 1500,
    reason: { $undefined: true },
    raw: { $undefined: true },
  };
  for (const name of ["url", "response", "promiseOfResponse", "wrongMimeType", "module"]) {
    assert.equal(report.loaded[name], want, name);
  }
});

test("Chromium: a 404 for the module rejects with the status, not a compile error", () => {
  assert.match(report.notFound, /HTTP 404/);
});

test.run();
