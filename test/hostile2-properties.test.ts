// Never-throws properties (issue 10, "Also") for the public functions added in 0.2: `create` of
// every built-in class, `fromMatrixError`, and `toResponse()`/`getResponse()` of anything decoded
// (hostile objects included). What `toResponse()` sends decodes back, through `decodeResponse` of
// both decoders, to the same class.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ErrorResponse } from "../src/index.js";
import { anything } from "./helpers/arbitraries.js";
import { lib, wasmBytes, wasmCore } from "./helpers/subject.js";

const SEED = 20261201;
const wasm = await wasmCore.createWasmDecoder(wasmBytes);

type Creatable = { name: string; create: (message?: unknown, fields?: unknown) => ErrorResponse };
const CREATABLE: Creatable[] = (Object.values(lib) as unknown[]).filter(
  (value): value is Creatable =>
    typeof value === "function" && typeof (value as { create?: unknown }).create === "function",
);

/** The class an error sent by `toResponse()` must decode back to. */
function classBack(error: ErrorResponse): unknown {
  // A NonMatrixResponse sends M_UNKNOWN with its message: it comes back as the M_UNKNOWN class.
  return error instanceof lib.NonMatrixResponse ? lib.registry.get("M_UNKNOWN") : error.constructor;
}

function respond(error: ErrorResponse, init: unknown, viaGet: boolean): Response {
  try {
    return viaGet ? error.getResponse() : error.toResponse(init as ResponseInit);
  } catch (thrown) {
    assert.unreachable(`${error.name}: ${viaGet ? "getResponse" : "toResponse"} threw ${String(thrown)}`);
    throw thrown;
  }
}

async function assertRoundTrip(error: ErrorResponse, init: unknown, viaGet: boolean): Promise<void> {
  const res = respond(error, init, viaGet);
  assert.instance(res, Response);
  const text = await res.text();
  for (const decoder of [lib, wasm]) {
    const back = await decoder.decodeResponse(new Response(text, { status: res.status, headers: res.headers }));
    assert.is(back.constructor, classBack(error), `${error.name} sent ${text.slice(0, 200)}: back ${back.name}`);
    if (!(error instanceof lib.NonMatrixResponse)) {
      assert.is(back.errcode, error.errcode, text.slice(0, 200));
      assert.is(back.message, error.message, text.slice(0, 200));
    }
  }
}

/** Objects a caller might hand to `decode`: BigInt, cycles, own toJSON, getters, odd prototypes. */
const hostileObject = fc
  .tuple(
    fc.constantFrom("M_FORBIDDEN", "M_LIMIT_EXCEEDED", "M_UNKNOWN", "COM.EXAMPLE.X", "M_SAFETY", "", "m_forbidden"),
    fc.option(fc.string(), { nil: undefined }),
    fc.dictionary(fc.string({ maxLength: 8 }), anything, { maxKeys: 4 }),
    fc.nat(7),
  )
  .map(([errcode, error, extra, twist]) => {
    const body: Record<string, unknown> = { ...extra, errcode };
    if (error !== undefined) body.error = error;
    if (twist === 0) body.n = 10n;
    if (twist === 1) body.self = body;
    if (twist === 2) body.toJSON = () => ({ errcode: "M_UNKNOWN", error: "hidden" });
    if (twist === 3) Object.defineProperty(body, "extra", { enumerable: true, get: () => 1 });
    if (twist === 4) body.retry_after_ms = 1e24;
    if (twist === 5) body.nested = { deep: [1n, { toJSON: () => 1n }] };
    if (twist === 6) Object.setPrototypeOf(body, null);
    return body;
  });

/** The JSON text of a hostile object where it has one (BigInt as 1), else "{}" (a cycle). */
function asText(body: unknown): string {
  try {
    return JSON.stringify(body, (_key, value: unknown) => (typeof value === "bigint" ? 1 : value)) ?? "{}";
  } catch {
    return "{}";
  }
}

const responseInit = fc.oneof(
  fc.constant(undefined),
  anything,
  fc.record(
    {
      status: fc.oneof(fc.integer({ min: -10, max: 700 }), fc.constantFrom(204, 205, 304, 101, 199, 0.5, Number.NaN)),
      statusText: fc.oneof(fc.string(), fc.constant("\n")),
      headers: fc.oneof(
        fc.constant({ "x-a": "b" }),
        fc.constant([["bad name", "v"]]),
        fc.constant({ "retry-after": "5" }),
        anything,
      ),
    },
    { requiredKeys: [] },
  ),
);

test(`never throws: create of every built-in class (${CREATABLE.length} classes) for any message and fields, and what it sends decodes back`, async () => {
  assert.ok(CREATABLE.length > 50, `${CREATABLE.length} classes have create`);
  for (const cls of CREATABLE) {
    await fc.assert(
      fc.asyncProperty(
        anything,
        fc.oneof(anything, fc.record({ retryAfterMs: anything, status: anything, extra: anything, cause: anything })),
        async (message, fields) => {
          let error: ErrorResponse | undefined;
          try {
            error = cls.create(message, fields);
          } catch (thrown) {
            assert.unreachable(`${cls.name}.create threw ${String(thrown)}`);
          }
          assert.instance(error, cls as unknown as new (...args: never[]) => ErrorResponse);
          await assertRoundTrip(error as ErrorResponse, undefined, false);
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  }
});

test("never throws: fromMatrixError of anything (SDK shapes included), and its toResponse()", async () => {
  const sdkShape = fc.record(
    {
      errcode: fc.oneof(fc.constantFrom("M_FORBIDDEN", "M_LIMIT_EXCEEDED"), anything),
      httpStatus: anything,
      data: fc.oneof(anything, fc.record({ errcode: anything, error: anything, retry_after_ms: anything })),
      headers: anything,
      message: anything,
      name: fc.constantFrom("MatrixError", "HTTPError", "ConnectionError"),
    },
    { requiredKeys: [] },
  );
  await fc.assert(
    fc.asyncProperty(fc.oneof(anything, sdkShape, hostileObject), anything, async (value, options) => {
      let error: ErrorResponse | undefined;
      try {
        error = lib.fromMatrixError(value, options as never);
      } catch (thrown) {
        assert.unreachable(`fromMatrixError threw ${String(thrown)}`);
      }
      assert.ok(lib.isErrorResponse(error));
      await assertRoundTrip(error as ErrorResponse, undefined, false);
    }),
    { seed: SEED, numRuns: 1_500 },
  );
});

test("never throws: toResponse()/getResponse() of anything decoded (hostile objects: BigInt, cycles, own toJSON, getters), with any init; sends back the same class", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(anything, hostileObject, hostileObject.map(asText)),
      fc.constantFrom(undefined, 204, 205, 304, 429, 100, 503),
      responseInit,
      fc.boolean(),
      fc.boolean(),
      async (input, status, init, viaGet, useWasm) => {
        const error = (useWasm ? wasm : lib).decode(input, { status });
        await assertRoundTrip(error, init, viaGet);
      },
    ),
    { seed: SEED, numRuns: 3_000 },
  );
});

test.run();
