// Hostile input and misuse: nothing throws, nothing leaks, nothing is polluted, limits hold.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  CODES,
  CustomErrorResponse,
  type ErrorResponse,
  isErrorResponse,
  NonMatrixResponse,
  registry,
} from "../../src/index.js";
import { anything } from "../helpers/arbitraries.js";
import type { Decoder } from "../helpers/decoder.js";
import { bodyBytes, bodyObject, bodyText, mutatedText } from "../helpers/mutate.js";
import { expected } from "../helpers/oracle.js";

/** Runs per property; the suite's properties together run well over 100,000 inputs. */
export const RUNS = {
  anything: 30_000,
  text: 30_000,
  bytes: 25_000,
  objects: 10_000,
  roundTrip: 5_000,
  responses: 1_000,
};
const SEED = 20261127;

function assertDocumented(result: ErrorResponse, input: unknown): void {
  assert.ok(isErrorResponse(result), "an ErrorResponse");
  const want = expected(input);
  assert.is(result.name, want.name, `class for ${String(typeof input)}`);
  if (want.reason !== undefined) assert.is((result as NonMatrixResponse).reason, want.reason);
  assert.ok(typeof result.message === "string");
  const wait = result.retryAfterMs;
  assert.ok(wait === undefined || (Number.isFinite(wait) && wait >= 0), `retryAfterMs ${wait}`);
}

function hostileObjects(): fc.Arbitrary<unknown> {
  return fc.oneof(
    bodyObject,
    bodyObject.map((body) => Object.freeze(body)),
    bodyObject.map((body) => Object.assign(Object.create(null), body)),
    bodyObject.map((body) => new Proxy(body, {})),
    bodyObject.map(
      (body) =>
        new Proxy(body, {
          ownKeys: () => {
            throw new Error("trap");
          },
        }),
    ),
    bodyObject.map((body) =>
      Object.defineProperty({ ...body }, "errcode", {
        enumerable: true,
        get: () => {
          throw new Error("getter");
        },
      }),
    ),
    bodyObject.map((body) => Object.defineProperty({ ...body }, "error", { enumerable: false, value: "hidden" })),
  );
}

export function hostileSuite(decoder: Decoder): void {
  const { label } = decoder;

  test(`${label}: never throws for fc.anything(), and the class is the documented one`, () => {
    fc.assert(
      fc.property(anything, (value) => {
        const result = decoder.decode(value);
        assert.ok(isErrorResponse(result));
        if (!(value instanceof Uint8Array) && !ArrayBuffer.isView(value)) assertDocumented(result, value);
      }),
      { seed: SEED, numRuns: RUNS.anything },
    );
  });

  test(`${label}: never throws for valid, mutated and random text`, () => {
    fc.assert(
      fc.property(fc.oneof(bodyText, mutatedText, fc.string({ unit: "binary", maxLength: 100 })), (text) => {
        assertDocumented(decoder.decode(text, { status: 400 }), text);
      }),
      { seed: SEED, numRuns: RUNS.text },
    );
  });

  test(`${label}: never throws for bytes, and matches TextDecoder + JSON.parse`, () => {
    fc.assert(
      fc.property(bodyBytes, (bytes) => {
        assertDocumented(decoder.decode(bytes), bytes);
      }),
      { seed: SEED, numRuns: RUNS.bytes },
    );
  });

  test(`${label}: objects with throwing getters, Proxies, frozen and null-prototype objects`, () => {
    fc.assert(
      fc.property(hostileObjects(), (value) => {
        assertDocumented(decoder.decode(value), value);
      }),
      { seed: SEED, numRuns: RUNS.objects },
    );
  });

  test(`${label}: round trip: decode(x.toJSON()) and decodeResponse(x.toResponse()) equal x`, async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, fc.constantFrom(undefined, 400, 403, 429, 500), async (text, status) => {
        const x = decoder.decode(text, { status });
        if (x instanceof NonMatrixResponse) return;
        const again = decoder.decode(x.toJSON(), { status: x.status });
        const viaResponse = await decoder.decodeResponse(x.toResponse());
        for (const y of [again, viaResponse]) {
          assert.is(y.constructor, x.constructor);
          assert.is(y.errcode, x.errcode);
          assert.is(y.message, x.message);
          assert.equal(y.body, x.body);
          for (const row of CODES) {
            for (const field of "fields" in row ? row.fields : []) {
              if (x.constructor.name === row.name) assert.equal((y as never)[field.prop], (x as never)[field.prop]);
            }
          }
        }
        const expectedStatus = x.status !== undefined && x.status >= 200 ? x.status : undefined;
        if (expectedStatus !== undefined) assert.is(viaResponse.status, expectedStatus);
      }),
      { seed: SEED, numRuns: RUNS.roundTrip },
    );
  });

  test(`${label}: Responses whose stream errors mid-way, at any point`, async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, fc.nat(), async (text, at) => {
        const bytes = new TextEncoder().encode(text);
        const cut = bytes.length === 0 ? 0 : at % bytes.length;
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(bytes.slice(0, cut));
            controller.error(new Error("reset"));
          },
        });
        const result = (await decoder.decodeResponse(new Response(stream, { status: 502 }))) as NonMatrixResponse;
        assert.is(result.reason, "unreadable");
        assert.is(result.status, 502);
      }),
      { seed: SEED, numRuns: RUNS.responses },
    );
  });

  test(`${label}: a 10 MiB body (string and bytes) is too_large, without parsing`, () => {
    const text = `{"errcode":"M_FORBIDDEN","error":"${"a".repeat(10 * 1024 * 1024)}"}`;
    for (const input of [text, new TextEncoder().encode(text)]) {
      const result = decoder.decode(input) as NonMatrixResponse;
      assert.is(result.reason, "too_large");
      assert.is(result.raw.length, 1024);
    }
  });

  test(`${label}: decodeResponse stops reading a 10 MiB stream at maxBytes`, async () => {
    let served = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (served >= 10 * 1024 * 1024) return controller.close();
        served += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const result = (await decoder.decodeResponse(new Response(stream))) as NonMatrixResponse;
    assert.is(result.reason, "too_large");
    assert.ok(served <= 4 * chunk.length, `served ${served} bytes`);
  });

  test(`${label}: 100,000 levels of nesting, a 1 MiB errcode and a million keys, with the limit raised`, () => {
    const deep = `{"errcode":"M_FORBIDDEN","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    assert.is(decoder.decode(deep, { maxBytes: 1_000_000 }).errcode, "M_FORBIDDEN");
    assert.is((decoder.decode("[".repeat(100_000), { maxBytes: 1_000_000 }) as NonMatrixResponse).reason, "not_json");
    const deepObject = `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`;
    assert.is((decoder.decode(deepObject, { maxBytes: 1_000_000 }) as NonMatrixResponse).reason, "missing_errcode");
    const longCode = "A".repeat(1024 * 1024);
    const long = decoder.decode(`{"errcode":"${longCode}"}`, { maxBytes: 2_000_000 });
    assert.instance(long, CustomErrorResponse);
    assert.is(long.errcode.length, longCode.length);
    const keys = Array.from({ length: 1_000_000 }, (_, i) => `"k${i}":${i}`).join(",");
    const many = decoder.decode(`{${keys},"errcode":"M_NOT_FOUND"}`, { maxBytes: 20_000_000 });
    assert.is(many.name, "NotFound");
    assert.is(many.body.k999999, 999_999);
  });

  test(`${label}: no prototype pollution from keys or errcodes`, () => {
    const protos = [
      Object.prototype,
      ...CODES.map((row) => registry.get(row.errcode)?.prototype),
      CustomErrorResponse.prototype,
      NonMatrixResponse.prototype,
    ];
    const before = protos.map((p) => Object.getOwnPropertyNames(p ?? {}).join());
    const bodies = [
      '{"errcode":"M_FORBIDDEN","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"prototype":{"polluted":3}}',
      '{"errcode":"__proto__","__proto__":{"polluted":4}}',
      '{"errcode":"constructor","error":"x"}',
      '{"errcode":"toString"}',
      '{"errcode":"hasOwnProperty"}',
      '{"errcode":"M_UNKNOWN_TOKEN","__proto__":{"soft_logout":true}}',
    ];
    for (const body of bodies) {
      for (const input of [body, new TextEncoder().encode(body), JSON.parse(body)]) {
        const result = decoder.decode(input);
        assert.ok(isErrorResponse(result));
        if (result.body.errcode === "M_UNKNOWN_TOKEN")
          assert.is(result.isSoftLogout, false, "inherited soft_logout is not read");
        if (
          typeof result.body.errcode === "string" &&
          result.body.errcode !== "M_FORBIDDEN" &&
          result.body.errcode !== "M_UNKNOWN_TOKEN"
        ) {
          assert.instance(result, CustomErrorResponse);
        }
        // JSON text, not deep equality: it must keep own "__proto__" keys, which deep-equal helpers skip.
        assert.is(JSON.stringify(result.toJSON()), JSON.stringify(JSON.parse(body)));
      }
    }
    const probe = {} as Record<string, unknown>;
    assert.is(probe.polluted, undefined);
    assert.is(probe.soft_logout, undefined);
    assert.equal(
      protos.map((p) => Object.getOwnPropertyNames(p ?? {}).join()),
      before,
    );
  });

  test(`${label}: 100,000 decodes leave the heap flat (generous bound)`, () => {
    const bodies = [
      '{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":2000}',
      "<html>",
      '{"errcode":"COM.X","a":[1,2,3]}',
    ];
    const run = (n: number): void => {
      for (let i = 0; i < n; i++) decoder.decode(bodies[i % 3], { captureStack: false });
    };
    run(20_000);
    const before = process.memoryUsage().heapUsed;
    run(100_000);
    const growth = process.memoryUsage().heapUsed - before;
    assert.ok(growth < 64 * 1024 * 1024, `heap grew ${growth} bytes`);
  });
}
