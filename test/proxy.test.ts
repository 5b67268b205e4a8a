// proxyOf: who answered instead of the Matrix server, on reconstructed proxy pages and headers,
// through every header form (and real ones from a local server), hostile inputs and a property test.
import { readFileSync } from "node:fs";
import { createServer, get, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { proxyOf } from "../src/proxy.js";
import { PROXIES } from "../src/proxy-signatures.js";

interface PageCase {
  name: string;
  status: number;
  headers?: [string, string][];
  body: string;
  proxy: string | null;
  note: string;
}

const CASES = (
  JSON.parse(readFileSync(new URL("../../test/fixtures/proxy-pages.json", import.meta.url), "utf8")) as {
    cases: PageCase[];
  }
).cases;

const expected = (c: PageCase): string | undefined => c.proxy ?? undefined;
const record = (pairs: [string, string][]): Record<string, string> => Object.fromEntries(pairs);
const lowerRecord = (pairs: [string, string][]): Record<string, string> =>
  Object.fromEntries(pairs.map(([k, v]) => [k.toLowerCase(), v]));
const upperPairs = (pairs: [string, string][]): [string, string][] => pairs.map(([k, v]) => [k.toUpperCase(), v]);

test("fixtures: each case is well-formed and names a proxy from PROXIES", () => {
  assert.ok(CASES.length >= 50, `${CASES.length} cases`);
  const names = new Set<string>();
  for (const c of CASES) {
    assert.not.ok(names.has(c.name), `duplicate case ${c.name}`);
    names.add(c.name);
    if (c.proxy !== null) assert.ok((PROXIES as readonly string[]).includes(c.proxy), `${c.name}: ${c.proxy}`);
  }
});

test("PROXIES: unique lowercase names, each one produced by at least one fixture", () => {
  assert.is(new Set(PROXIES).size, PROXIES.length);
  for (const name of PROXIES) {
    assert.match(name, /^[a-z][a-z-]*$/);
    assert.ok(
      CASES.some((c) => c.proxy === name),
      `no fixture gives ${name}`,
    );
  }
});

test("fixtures: the expected proxy from pairs, records (any case) and web Headers", () => {
  for (const c of CASES) {
    const want = expected(c);
    if (c.headers === undefined) {
      assert.is(proxyOf(undefined, c.body), want, `${c.name} (no headers)`);
      assert.is(proxyOf([], c.body), want, `${c.name} (empty pairs)`);
      continue;
    }
    assert.is(proxyOf(c.headers, c.body), want, `${c.name} (pairs)`);
    assert.is(proxyOf(upperPairs(c.headers), c.body), want, `${c.name} (upper-case pairs)`);
    assert.is(proxyOf(record(c.headers), c.body), want, `${c.name} (record)`);
    assert.is(proxyOf(lowerRecord(c.headers), c.body), want, `${c.name} (lower-case record)`);
    assert.is(proxyOf(new Headers(c.headers), c.body), want, `${c.name} (Headers)`);
  }
});

// A real server on 127.0.0.1 sends each case; fetch gives a web Headers, node:http gives
// IncomingHttpHeaders and rawHeaders pairs.
function serve(): Promise<Server> {
  const server = createServer((req, res) => {
    const c = CASES[Number(req.url?.slice(1))];
    if (c === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(c.status, (c.headers ?? []).flat());
    res.end(c.body);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function nodeGet(url: string): Promise<{ headers: IncomingHttpHeaders; raw: [string, string][]; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => {
        const raw: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          raw.push([res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string]);
        }
        resolve({ headers: res.headers, raw, body });
      });
    }).on("error", reject);
  });
}

test("fixtures over a real local server: fetch Headers, IncomingHttpHeaders and rawHeaders pairs", async () => {
  const server = await serve();
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [i, c] of CASES.entries()) {
      const want = expected(c);
      const response = await fetch(`${base}/${i}`);
      const text = (await response.text()).slice(0, 1024);
      assert.is(proxyOf(response.headers, text), want, `${c.name} (fetch)`);
      const node = await nodeGet(`${base}/${i}`);
      assert.is(proxyOf(node.headers, node.body.slice(0, 1024)), want, `${c.name} (IncomingHttpHeaders)`);
      assert.is(proxyOf(node.raw, node.body.slice(0, 1024)), want, `${c.name} (rawHeaders)`);
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test("header names are case-insensitive in every form", () => {
  for (const name of ["cf-ray", "CF-RAY", "Cf-Ray", "cF-rAy"]) {
    const value = "8e9f0a1b2c3d4e5f-AMS";
    assert.is(proxyOf({ [name]: value }, ""), "cloudflare", `record ${name}`);
    assert.is(proxyOf([[name, value]], ""), "cloudflare", `pairs ${name}`);
    assert.is(proxyOf(new Headers([[name, value]]), ""), "cloudflare", `Headers ${name}`);
  }
  assert.is(proxyOf({ SERVER: "Caddy" }, ""), "caddy");
  assert.is(proxyOf({ sErVeR: "NGINX/1.27.0" }, ""), "nginx", "Server values are matched case-insensitively too");
});

test("Node's IncomingHttpHeaders shape: undefined and string[] values beside the one read", () => {
  const headers: IncomingHttpHeaders = { "set-cookie": ["a=1", "b=2"], "x-missing": undefined, server: "envoy" };
  assert.is(proxyOf(headers, ""), "envoy");
  assert.is(proxyOf({ "set-cookie": ["a=1"], age: undefined }, ""), undefined);
});

test("a Matrix-ish JSON body gives undefined, with or without the homeserver's headers", () => {
  const matrix = '{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}';
  assert.is(proxyOf(undefined, matrix), undefined);
  assert.is(proxyOf({ "content-type": "application/json" }, matrix), undefined);
  assert.is(proxyOf({ server: "Synapse/1.120.0" }, matrix), undefined);
  assert.is(proxyOf({ server: "conduwuit" }, '{"errcode":"M_UNKNOWN","error":"upstream request timeout"}'), undefined);
});

test("an unknown Server gives undefined, even with a CDN on the path (the origin answered)", () => {
  assert.is(proxyOf({ server: "LiteSpeed" }, ""), undefined);
  assert.is(proxyOf({ server: "uvicorn", "x-amz-cf-id": "abc==" }, "Internal Server Error"), undefined);
  assert.is(proxyOf({ server: "Synapse/1.120.0", via: "1.1 varnish" }, ""), undefined);
  assert.is(proxyOf({ "x-served-by": "not-a-cache-node" }, ""), undefined, "x-served-by must name a Fastly node");
});

test("JSDoc precedence: page over Server over the bare phrase over path headers", () => {
  const nginxPage = "<html><body><hr><center>nginx</center></body></html>";
  assert.is(proxyOf({ server: "Caddy", "cf-ray": "1-AMS" }, nginxPage), "nginx", "page first");
  assert.is(
    proxyOf({ server: "nginx", "x-squid-error": "ERR_READ_ERROR 0" }, ""),
    "squid",
    "own-response header over Server",
  );
  assert.is(proxyOf({ server: "Caddy", "cf-ray": "1-AMS" }, ""), "caddy", "Server over path headers");
  assert.is(proxyOf({ "cf-ray": "1-AMS" }, "Bad Gateway"), "traefik", "bare phrase over path headers");
  assert.is(proxyOf({ server: "Caddy" }, "Bad Gateway"), "caddy", "a Server means Traefik did not write it");
  assert.is(proxyOf({ "cf-ray": "1-AMS", "x-amz-cf-id": "abc==" }, ""), "cloudflare", "path headers in table order");
});

test("only the first KiB of the body is read", () => {
  const tail = "<hr><center>nginx</center>";
  assert.is(proxyOf(undefined, `${" ".repeat(1024 - tail.length)}${tail}`), "nginx");
  assert.is(proxyOf(undefined, `${" ".repeat(1025)}${tail}`), undefined);
});

// Header objects that throw or lie on every kind of read.
const throwing = (): never => {
  throw new Error("hostile");
};
const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
const HOSTILE: unknown[] = [
  Object.defineProperty({}, "server", { enumerable: true, get: throwing }),
  new Proxy({}, { ownKeys: throwing }),
  new Proxy({}, { get: throwing, getOwnPropertyDescriptor: throwing, ownKeys: () => ["server"] }),
  new Proxy([], { get: throwing }),
  revoked(),
  { get: throwing },
  { get: () => 42 },
  { get: () => ({ toString: throwing }) },
  [[{ toLowerCase: throwing }, "x"]],
  [Object.defineProperty([], 0, { get: throwing })],
  { server: { toString: throwing, trim: throwing } },
  { server: ["nginx"], "cf-ray": ["1-AMS"] },
  42,
  "server: nginx",
  null,
  Symbol("headers"),
  () => "nginx",
];

test("hostile headers never throw; they count as absent, and the page still speaks", () => {
  for (const [i, headers] of HOSTILE.entries()) {
    const h = headers as Parameters<typeof proxyOf>[0];
    let result: string | undefined;
    try {
      result = proxyOf(h, "");
    } catch (e) {
      assert.unreachable(`hostile #${i} threw ${String(e)}`);
    }
    assert.ok(result === undefined || (PROXIES as readonly string[]).includes(result), `hostile #${i}: ${result}`);
    assert.is(proxyOf(h, "<hr><center>openresty</center>"), "nginx", `hostile #${i} with an nginx page`);
  }
  assert.is(proxyOf(HOSTILE[0] as Record<string, string>, ""), undefined, "a throwing getter is no Server");
});

test("a non-string body never throws and reads as empty", () => {
  for (const raw of [undefined, null, 42, {}, { toString: throwing }, ["<center>nginx</center>"], Symbol("raw")]) {
    assert.is(proxyOf({ server: "Caddy" }, raw as unknown as string), "caddy");
    assert.is(proxyOf(undefined, raw as unknown as string), undefined);
  }
});

// Fragments of real signatures, so random inputs reach every branch and not only the misses.
const FRAGMENTS = [
  ...new Set(CASES.flatMap((c) => [c.body.slice(0, 80), c.body.slice(-80), ...(c.headers ?? []).flat()])),
  "<center>",
  "</center>",
  "guru meditation:",
  "error code: ",
  "(squid/",
  "cache-",
  "1.1 ",
];
const text = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 6 })
      .map((p) => p.join("")),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 64 }) },
);
const NAMES = [
  "server",
  "Server",
  "via",
  "cf-ray",
  "x-served-by",
  "x-cache",
  "x-amz-cf-id",
  "x-varnish",
  "x-squid-error",
  "x-kong-response-latency",
];
const name = fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 }));
const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/);
const headerValueText = fc.stringMatching(/^[\x20-\x7e]{0,40}$/).map((s) => s.trim());
// Hostile objects go by index and are looked up inside the property: fast-check inspects every
// generated value, and a revoked Proxy throws on inspection.
const headersArb = fc.oneof(
  fc.constant(undefined).map((value) => ({ value })),
  fc.array(fc.tuple(name, text)).map((value) => ({ value })),
  fc
    .dictionary(name, fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.constant(undefined)))
    .map((value) => ({ value })),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...NAMES), token), headerValueText))
    .map((pairs) => ({ value: new Headers(pairs) })),
  fc.nat({ max: HOSTILE.length - 1 }).map((hostile) => ({ hostile })),
);

test("property: never throws, and returns undefined or a name from PROXIES", () => {
  let named = 0;
  fc.assert(
    fc.property(headersArb, text, (input, raw) => {
      const headers = "hostile" in input ? HOSTILE[input.hostile] : input.value;
      const result = proxyOf(headers as Parameters<typeof proxyOf>[0], raw);
      if (result !== undefined) named++;
      return result === undefined || (PROXIES as readonly string[]).includes(result);
    }),
    { seed: 20261201, numRuns: 5000 },
  );
  // The fragments must reach the naming branches, or the property only tests the misses.
  assert.ok(named > 500, `${named} of 5000 runs named a proxy`);
});

test.run();
