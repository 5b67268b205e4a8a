// WASM ≡ TS: for every generated input (valid bodies of every code written any way JSON allows,
// mutations of them, deep nesting, random text and bytes), in every input form, with random
// statuses, headers and registries, the WASM decoder gives what the TypeScript decoder gives.
// `npm run fuzz` runs the same property longer (MATRIX_ERRORS_FUZZ_RUNS, MATRIX_ERRORS_FUZZ_SEED).
import { dequal } from "dequal";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  CODES,
  type DecodeInit,
  type ErrorResponse,
  ErrorResponse as ErrorResponseBase,
  Forbidden,
  type NonMatrixResponse,
  Registry,
  registry,
} from "../src/index.js";
import { createWasmDecoder, type WasmDecoder } from "../src/wasm/core.js";
import { adversarialInput, collidingKeys, everyTrickyCode } from "./helpers/adversarial.js";
import { decoderModule } from "./helpers/wasm.js";
import { differentialInput } from "./helpers/wasm-inputs.js";

const TOTAL = Number(process.env.MATRIX_ERRORS_FUZZ_RUNS ?? 100_000);
// A tenth of the runs go to the adversarial generator (test/helpers/adversarial.ts): the total
// stays what MATRIX_ERRORS_FUZZ_RUNS (`npm run fuzz`) asks for.
const ADVERSARIAL_RUNS = Math.round(TOTAL / 10);
const RUNS = TOTAL - ADVERSARIAL_RUNS;
const SEED = Number(process.env.MATRIX_ERRORS_FUZZ_SEED ?? 20261128);

const PROPS = [...new Set(CODES.flatMap((row) => ("fields" in row ? row.fields.map((f) => f.prop) : [])))];
const READ = [
  ...["name", "errcode", "message", "status", "retryAfterMs", "reason", "raw", "isRateLimited", "isSoftLogout"],
  ...PROPS,
];

/** A user's class, which reads `body` in its constructor: the WASM decoder must give it the whole body. */
class Quota extends ErrorResponseBase {
  static override readonly errcode = "COM.EXAMPLE.QUOTA";
  readonly keys: string;
  constructor(body: Record<string, unknown>, init?: DecodeInit) {
    super(body, init);
    this.keys = Object.keys(this.body).join();
  }
}
class MyForbidden extends Forbidden {}

const custom = new Registry()
  .register("COM.EXAMPLE.QUOTA", Quota)
  .alias("M_QUOTA", "COM.EXAMPLE.QUOTA")
  .register("M_FORBIDDEN", MyForbidden, { override: true });

const pairs: { ts: Registry; wasm: WasmDecoder }[] = [
  { ts: registry, wasm: await createWasmDecoder(decoderModule) },
  { ts: custom, wasm: await createWasmDecoder(decoderModule, { registry: custom }) },
];

const init = fc.record(
  {
    status: fc.constantFrom(400, 403, 429, 500, 503, 99, 429.5),
    headers: fc.constantFrom<[string, string][]>([["Retry-After", "5"]], [["retry-after", "soon"]], [["x", "y"]]),
    // Mostly off: a stack costs more than everything else a decode does.
    captureStack: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    maxBytes: fc.constantFrom(16, 64, 200_000),
  },
  { requiredKeys: ["captureStack"] },
);

function describe(input: unknown): string {
  const text = input instanceof Uint8Array ? `bytes ${Buffer.from(input).toString("hex")}` : JSON.stringify(input);
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}

/** The first way the WASM result `a` differs from the TS result `b`, or `undefined`. */
function difference(a: ErrorResponse, b: ErrorResponse): string | undefined {
  if (a.constructor !== b.constructor) return `class: wasm ${a.constructor.name}, ts ${b.constructor.name}`;
  for (const key of READ) {
    const x = (a as unknown as Record<string, unknown>)[key];
    const y = (b as unknown as Record<string, unknown>)[key];
    // Typed string arrays are a fresh frozen copy on every read: equal by content.
    const same = Object.is(x, y) || (Array.isArray(x) && Array.isArray(y) && dequal(x, y));
    if (!same) return `${key}: wasm ${JSON.stringify(x) ?? String(x)}, ts ${JSON.stringify(y) ?? String(y)}`;
  }
  if ((a as Quota).keys !== (b as Quota).keys) return "what a user's constructor saw";
  if (a.cause?.constructor !== b.cause?.constructor) return "cause";
  if (!dequal(a.body, b.body)) return "body";
  // JSON text too: deep-equal helpers skip own "__proto__" keys.
  if (JSON.stringify(a.body) !== JSON.stringify(b.body)) return "body text";
  return undefined;
}

let inputs = 0;
let decodes = 0;

/** Decodes one input in every form (text, bytes, and the parsed object where JSON) with both decoders. */
function agree(input: string | Uint8Array, given: DecodeInit | null, which: number): void {
  inputs++;
  const { ts, wasm } = pairs[which === 0 ? 1 : 0] as (typeof pairs)[number];
  const options = given ?? undefined;
  const text = typeof input === "string" ? input : new TextDecoder().decode(input);
  const forms: unknown[] = [input, typeof input === "string" ? new TextEncoder().encode(input) : text];
  for (let i = 0; i < forms.length; i++) {
    const form = forms[i];
    decodes++;
    const expected = ts.decode(form, options);
    const found = difference(wasm.decode(form, options), expected);
    if (found !== undefined) assert.unreachable(`${describe(form)} with ${JSON.stringify(options)}: ${found}`);
    // The parsed object too, where the text is JSON (no throw to catch).
    const reason = (expected as NonMatrixResponse).reason;
    const json = reason === undefined || reason === "not_object" || reason === "missing_errcode";
    if (form === text && json && forms.length === 2) forms.push(JSON.parse(text.replace(/^\uFEFF/, "")));
  }
}

test(`differential: WASM ≡ TS on ${RUNS.toLocaleString("en")} generated inputs (seed ${SEED}), every form`, () => {
  fc.assert(fc.property(differentialInput, fc.option(init, { freq: 4 }), fc.nat(9), agree), {
    seed: SEED,
    numRuns: RUNS,
  });
  assert.ok(inputs >= RUNS, `${inputs} inputs`);
  console.log(`  differential: ${inputs} inputs, ${decodes} decodes per decoder, 0 disagreements`);
});

test(`differential: WASM ≡ TS on ${ADVERSARIAL_RUNS.toLocaleString("en")} adversarial inputs (near-miss codes, hash collisions, UTF-8 at the 64 KiB edge, byte mutations)`, () => {
  const [before, beforeDecodes] = [inputs, decodes];
  fc.assert(fc.property(adversarialInput, fc.option(init, { freq: 4 }), fc.nat(9), agree), {
    seed: SEED + 1,
    numRuns: ADVERSARIAL_RUNS,
  });
  assert.ok(inputs - before >= ADVERSARIAL_RUNS, `${inputs - before} inputs`);
  console.log(
    `  adversarial: ${inputs - before} inputs, ${decodes - beforeDecodes} decodes per decoder, 0 disagreements`,
  );
});

test("differential: WASM ≡ TS on every near miss and hash collision of every wire code, and every colliding key", () => {
  const [before, beforeDecodes] = [inputs, decodes];
  const codes = everyTrickyCode();
  for (const code of codes) {
    agree(`{"errcode":${JSON.stringify(code)},"error":"x","retry_after_ms":5}`, null, 1);
    agree(`{"errcode":${JSON.stringify(code)}}`, { status: 429, captureStack: false }, 0);
  }
  for (const key of collidingKeys) {
    agree(`{"errcode":"M_SAFETY",${JSON.stringify(key)}:["x"],"error":"e"}`, null, 1);
    agree(`{${JSON.stringify(key)}:"M_FORBIDDEN","soft_logout":true,"errcode":"M_UNKNOWN_TOKEN"}`, null, 0);
  }
  assert.ok(codes.length > 1000, `${codes.length} codes`);
  console.log(
    `  near misses: ${codes.length} codes, ${collidingKeys.length} colliding keys, ${inputs - before} inputs, ${decodes - beforeDecodes} decodes per decoder, 0 disagreements`,
  );
});

test("differential: the WASM memory is the same size after 100,000 decodes as before", async () => {
  const instance = new WebAssembly.Instance(decoderModule, {});
  const memory = instance.exports.memory as WebAssembly.Memory;
  const buffer = memory.buffer;
  const size = buffer.byteLength;
  const wasm = await createWasmDecoder(instance);
  const small = [
    '{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":2000}',
    '{"errcode":"M_FORBIDDEN","error":"Zugriff verweigert — ✓","x":[[[{}]]]}',
    "<html>502 Bad Gateway</html>",
  ];
  const large = [
    // Exactly the input buffer's capacity, and more than it (the TypeScript path).
    `{"errcode":"COM.X","pad":"${"x".repeat(65_536 - 29)}"}`,
    `{"errcode":"M_TOO_LARGE","pad":"${"x".repeat(100_000)}"}`,
  ];
  const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
  const bodies = [...small, ...small.map(encode)];
  const rare = [...large, ...large.map(encode)];
  for (let i = 0; i < 100_000; i++) {
    const body = i % 1000 === 0 ? rare[(i / 1000) % rare.length] : bodies[i % bodies.length];
    wasm.decode(body, { captureStack: false, maxBytes: 200_000 });
  }
  assert.is(memory.buffer.byteLength, size);
  assert.is(memory.buffer, buffer, "the buffer was never replaced (no growth)");
});

test.run();
