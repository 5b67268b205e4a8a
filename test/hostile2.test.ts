// Hostile input, round 2 (issue 10): one test per class of input, named "hostile 10.N …", for
// both decoders. Run against an older build with MATRIX_ERRORS_SUBJECT=<its dist/> to see each
// test fail there (test/helpers/subject.ts).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ErrorResponse, NonMatrixResponse, Registry } from "../src/index.js";
import type { Decoder } from "./helpers/decoder.js";
import { distDir, lib, wasmBytes, wasmCore } from "./helpers/subject.js";
import { tsDecoder } from "./helpers/ts.js";
import { hostile2Suite } from "./suites/hostile2.js";

type Api = typeof import("../src/index.js");

async function wasmOver(registry?: Registry, label = "wasm(custom registry)"): Promise<Decoder> {
  const wasm = await wasmCore.createWasmDecoder(wasmBytes, registry === undefined ? undefined : { registry });
  return { label, decode: wasm.decode, decodeResponse: wasm.decodeResponse, withRegistry: (r) => wasmOver(r) };
}

const ts = tsDecoder(lib);
const wasm = await wasmOver(undefined, "wasm");
const both = [ts, wasm];

hostile2Suite(ts);
hostile2Suite(wasm);

// Another installed copy of the package (as test/copies.test.ts installs them).
const copyDir = mkdtempSync(join(tmpdir(), "matrix-errors-hostile2-"));
const copyAt = join(copyDir, "node_modules", "matrix-errors");
mkdirSync(copyAt, { recursive: true });
cpSync(join(distDir, "..", "package.json"), join(copyAt, "package.json"));
cpSync(distDir, join(copyAt, "dist"), { recursive: true });
writeFileSync(join(copyDir, "app.js"), 'export * from "matrix-errors";\n');
const copy = (await import(pathToFileURL(join(copyDir, "app.js")).href)) as Api;
test.after(() => rmSync(copyDir, { recursive: true, force: true }));

const reasonOf = (error: ErrorResponse): string | undefined => (error as NonMatrixResponse).reason;

// 10.1 --------------------------------------------------------------------------------------
interface LockedLine {
  call: string;
  threw?: string;
  name?: string;
  reason?: string;
  retryAfterMs?: number;
}

function runLocked(flags: string[], mode: string[]): { writable: boolean; lines: LockedLine[] } {
  const script = new URL("../../test/helpers/locked-down.mjs", import.meta.url).pathname;
  const run = spawnSync(process.execPath, [...flags, "--no-warnings", script, distDir, ...mode], { encoding: "utf8" });
  assert.is(run.status, 0, `child exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as { writable: boolean; lines: LockedLine[] };
}

test("hostile 10.1 locked-down platform: with a read-only Error.stackTraceLimit (--frozen-intrinsics, Object.freeze(Error)) both decoders decode and read good bodies", () => {
  for (const [flags, mode, where] of [
    [["--frozen-intrinsics"], [], "--frozen-intrinsics"],
    [[], ["freeze"], "Object.freeze(Error)"],
  ] as const) {
    const { writable, lines } = runLocked([...flags], [...mode]);
    assert.not.ok(writable, `${where}: the child's stackTraceLimit is read-only`);
    assert.is(lines.length, 8, `${where}: decode and decodeResponse, two decoders, stacks on and off`);
    for (const line of lines) {
      const where2 = `${where}: ${line.call}`;
      assert.is(line.threw, undefined, `${where2} threw ${line.threw}`);
      assert.is(line.name, "LimitExceeded", `${where2} gave ${line.name} (${line.reason})`);
      assert.is(line.retryAfterMs, 2000, where2);
    }
  }
});

// 10.5 --------------------------------------------------------------------------------------
/** The decoder module with its `fingerprint()` constant changed (signed LEB128 in the code section). */
function withOtherFingerprint(bytes: Uint8Array, fingerprint: number): Uint8Array<ArrayBuffer> {
  const leb = (value: number): number[] => {
    const out: number[] = [];
    let v = value | 0;
    for (;;) {
      const byte = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
      out.push(done ? byte : byte | 0x80);
      if (done) return out;
    }
  };
  // i32.const <fingerprint> immediately followed by `end`: the body of `fingerprint()`.
  const needle = [0x41, ...leb(fingerprint), 0x0b];
  const other = [0x41, ...leb(fingerprint ^ 0x100), 0x0b];
  assert.is(other.length, needle.length);
  const at: number[] = [];
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (needle.every((b, j) => bytes[i + j] === b)) at.push(i);
  }
  assert.is(at.length, 1, `the fingerprint constant is found once (${at.length})`);
  const out = new Uint8Array(bytes);
  out.set(other, at[0]);
  return out;
}

test("hostile 10.5 module from another build: a fingerprint mismatch is a clear error at createWasmDecoder", async () => {
  const module = new WebAssembly.Module(wasmBytes);
  const fingerprint = (new WebAssembly.Instance(module, {}).exports as { fingerprint?: () => number }).fingerprint;
  assert.type(fingerprint, "function", "the module exports fingerprint()");
  const stale = withOtherFingerprint(wasmBytes, (fingerprint as () => number)());
  for (const source of [stale, new WebAssembly.Module(stale)]) {
    try {
      await wasmCore.createWasmDecoder(source);
      assert.unreachable("a module of another build was accepted");
    } catch (error) {
      assert.instance(error, TypeError);
      assert.match((error as Error).message, /another build/);
    }
  }
});

test("hostile 10.5 another copy's Registry: the WASM decoder given it decodes every code that registry knows, a custom code too", async () => {
  class Quota extends copy.ErrorResponse {}
  const other = new copy.Registry()
    .register("COM.EXAMPLE.OTHER_COPY", Quota)
    .alias("M_OTHER_COPY", "COM.EXAMPLE.OTHER_COPY");
  const decoder = await wasmCore.createWasmDecoder(wasmBytes, { registry: other as unknown as Registry });
  const codes = [
    ...other.codes(),
    ...lib.CODES.flatMap((row) => ("aliases" in row ? [...row.aliases] : [])),
    "M_OTHER_COPY",
  ];
  let checked = 0;
  for (const code of codes) {
    const body = `{"errcode":"${code}","error":"x","retry_after_ms":7}`;
    const result = decoder.decode(body, { status: 429 });
    const want = other.decode(body, { status: 429 });
    assert.is(result.constructor, other.get(code), `${code}: ${result.name}`);
    assert.is(result.constructor, want.constructor, code);
    assert.is(result.errcode, other.canonical(code), code);
    assert.is(result.retryAfterMs, want.retryAfterMs, code);
    checked++;
  }
  assert.ok(checked === codes.length && checked > 50, `${checked} codes`);
  assert.instance(decoder.decode('{"errcode":"COM.EXAMPLE.OTHER_COPY"}'), Quota);
});

// 10.7 --------------------------------------------------------------------------------------
const READ = [
  "name",
  "errcode",
  "message",
  "status",
  "retryAfterMs",
  "reason",
  "isRateLimited",
  "isSoftLogout",
  "harms",
];

test("hostile 10.7 inherited fields: a polluted Object.prototype adds nothing (both decoders equal)", () => {
  const polluted: Record<string, unknown> = {
    errcode: "M_LIMIT_EXCEEDED",
    error: "polluted",
    retry_after_ms: 86_400_000,
    soft_logout: true,
    harms: ["polluted"],
    "org.matrix.msc3848.unstable.errcode": "M_POLLUTED",
  };
  const proto = Object.prototype as Record<string, unknown>;
  for (const [key, value] of Object.entries(polluted)) proto[key] = value;
  try {
    const inputs: [string, unknown, Record<string, unknown>][] = [
      ["{} text", "{}", { name: "NonMatrixResponse", reason: "missing_errcode", retryAfterMs: undefined }],
      ["{} bytes", new TextEncoder().encode("{}"), { name: "NonMatrixResponse", reason: "missing_errcode" }],
      ["{} object", {}, { name: "NonMatrixResponse", reason: "missing_errcode", retryAfterMs: undefined }],
      ["unknown token", '{"errcode":"M_UNKNOWN_TOKEN","error":"x"}', { isSoftLogout: false, subErrcode: undefined }],
      [
        "limit",
        '{"errcode":"M_LIMIT_EXCEEDED"}',
        { retryAfterMs: undefined, message: "M_LIMIT_EXCEEDED (no message from the server)" },
      ],
      ["safety", '{"errcode":"M_SAFETY","error":"x"}', { harms: undefined }],
      ["limit object", { errcode: "M_LIMIT_EXCEEDED" }, { retryAfterMs: undefined }],
    ];
    for (const [where, input, want] of inputs) {
      const [a, b] = both.map((decoder) => decoder.decode(input, { status: 401 })) as [ErrorResponse, ErrorResponse];
      for (const [key, value] of Object.entries(want)) {
        assert.equal((a as unknown as Record<string, unknown>)[key], value, `${where}: ts ${key}`);
      }
      for (const key of READ) {
        const x = (a as unknown as Record<string, unknown>)[key];
        const y = (b as unknown as Record<string, unknown>)[key];
        assert.equal(y, x, `${where}: ${key} wasm ${String(y)}, ts ${String(x)}`);
      }
      assert.equal(Object.keys(b.body), Object.keys(a.body), `${where}: body keys`);
    }
  } finally {
    for (const key of Object.keys(polluted)) delete proto[key];
  }
});

test("hostile 10.7 inherited fields: a body built by hand reads only its own error, whatever its prototype", () => {
  // Decoders tell the constructor their bodies are plain objects, and read `error` without a call;
  // a body given by hand takes the own-property check.
  const inherited = Object.create({ error: "inherited" }) as Record<string, unknown>;
  inherited.errcode = "M_FORBIDDEN";
  const err = new lib.Forbidden(inherited);
  assert.is(err.message, "M_FORBIDDEN (no message from the server)");
  const own = Object.assign(Object.create({ error: "inherited" }) as object, { error: "own" });
  assert.is(new lib.Forbidden(own).message, "own");
  assert.is(new lib.CustomErrorResponse(inherited).message, "M_FORBIDDEN (no message from the server)");
  // A subclass of a built-in class that forwards only two arguments takes the same check.
  class Mine extends lib.Forbidden {}
  assert.is(new Mine(inherited).message, "M_FORBIDDEN (no message from the server)");
  assert.is(lib.decode({ ...inherited, error: "copied" }).message, "copied");
});

// 10.11 -------------------------------------------------------------------------------------
test("hostile 10.11 guards and registration across copies: isErrcode never throws; non-Errors and any copy's NonMatrixResponse are refused", () => {
  const brand = Symbol.for("matrix-errors.ErrorResponse");
  const branded = {
    [brand]: true,
    get errcode(): string {
      throw new Error("getter");
    },
  };
  let answer: boolean | undefined;
  try {
    answer = lib.isErrcode(branded, "M_FORBIDDEN");
  } catch (error) {
    assert.unreachable(`isErrcode threw ${String(error)}`);
  }
  assert.is(answer, false);
  assert.ok(lib.isErrcode(copy.decode('{"errcode":"M_FORBIDDEN"}'), "M_FORBIDDEN"), "another copy's error");

  function NotAnError(): void {}
  NotAnError.prototype = { [brand]: true };
  class BrandedPlain {}
  Object.defineProperty(BrandedPlain.prototype, brand, { value: true });
  for (const [what, cls] of [
    ["a branded function", NotAnError],
    ["a branded class that is not an Error", BrandedPlain],
    ["this copy's NonMatrixResponse", lib.NonMatrixResponse],
    ["another copy's NonMatrixResponse", copy.NonMatrixResponse],
  ] as const) {
    assert.throws(
      () => new lib.Registry().register("COM.EXAMPLE.BAD", cls as never),
      (error: unknown) => error instanceof TypeError,
      `${what} is refused`,
    );
  }
  // Another copy's ordinary class is still welcome.
  class Theirs extends copy.ErrorResponse {}
  const mine = new lib.Registry().register("COM.EXAMPLE.THEIRS", Theirs as never);
  assert.instance(mine.decode('{"errcode":"COM.EXAMPLE.THEIRS"}'), Theirs);
});

// 10.12 -------------------------------------------------------------------------------------
test("hostile 10.12 parseRetryAfter without now: an HTTP-date is read against the clock", () => {
  const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
  const ms = lib.parseRetryAfter(inAnHour);
  assert.ok(typeof ms === "number" && ms > 3_500_000 && ms <= 3_600_000, `parseRetryAfter(${inAnHour}) = ${ms}`);
  assert.is(lib.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), 0, "a date in the past is 0");
});

test("hostile 10.12 alias(): 32,768 aliases of one code register and decode, and follow it when it is re-registered", () => {
  class Many extends lib.ErrorResponse {}
  const mine = new lib.Registry({ builtins: false }).register("COM.EXAMPLE.MANY", Many);
  const count = 32_768;
  for (let i = 0; i < count; i++) mine.alias(`COM.EXAMPLE.MANY_${i}`, "COM.EXAMPLE.MANY");
  assert.is(mine.codes().length, 1);
  for (const i of [0, 1, count >> 1, count - 1]) {
    const result = mine.decode(`{"errcode":"COM.EXAMPLE.MANY_${i}"}`);
    assert.instance(result, Many);
    assert.is(result.errcode, "COM.EXAMPLE.MANY");
  }
  // Re-registering the canonical code moves every alias with it.
  class Moved extends lib.ErrorResponse {}
  mine.register("COM.EXAMPLE.MANY", Moved, { override: true });
  assert.instance(mine.decode(`{"errcode":"COM.EXAMPLE.MANY_${count - 1}"}`), Moved);
});

test("hostile 10: every result above is an ErrorResponse of this copy (sanity of the subject)", () => {
  const result = ts.decode('{"errcode":"M_FORBIDDEN"}');
  assert.instance(result, lib.ErrorResponse);
  assert.is(reasonOf(ts.decode("")), "empty");
});

test.run();
