// A frozen error answers as an unfrozen one. `Object.freeze(err)` (or SES `harden`, which also
// freezes what the error holds) must not make a getter throw: what getters compute on first read
// (`retryAfterMs`, the lazily parsed `body`, `stack`) is cached in the error's state, and a frozen
// state only means it is computed again.
import { dequal } from "dequal";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { DecodeInit, ErrorResponse } from "../src/index.js";
import { lib, wasmBytes, wasmCore } from "./helpers/subject.js";

const wasm = await wasmCore.createWasmDecoder(wasmBytes);
const DECODERS = [
  ["TS", lib.decode],
  ["WASM", wasm.decode],
] as const;

const CASES: [string, string, DecodeInit][] = [
  [
    "rate limit with Retry-After",
    '{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2000}',
    { status: 429, headers: { "Retry-After": "3" } },
  ],
  ["typed fields", '{"errcode":"M_UNKNOWN_TOKEN","error":"Expired","soft_logout":true,"extra":[1,2]}', { status: 401 }],
  ["a sub-code", '{"errcode":"M_FORBIDDEN","error":"No","org.matrix.msc4140.errcode":"M_MAX_DELAY_EXCEEDED"}', {}],
  ["a custom code", '{"errcode":"COM.EXAMPLE.QUOTA","error":"Over quota","quota":5}', { status: 507 }],
  ["a proxy page", "<html><center>nginx</center></html>", { status: 502, headers: { server: "nginx" } }],
];

/** The names of every getter an error's prototype chain has, up to `Error.prototype`. */
function getters(error: object): string[] {
  const names = new Set<string>();
  for (let proto = Object.getPrototypeOf(error); proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.get !== undefined && name !== "stack") names.add(name);
    }
  }
  return [...names];
}

/** Freezes the error and, as `harden` does, what its own slots hold. */
function deepFreeze(error: ErrorResponse): ErrorResponse {
  for (const key of Reflect.ownKeys(error)) {
    const value = (error as unknown as Record<PropertyKey, unknown>)[key];
    if (typeof value === "object" && value !== null) Object.freeze(value);
  }
  return shallowFreeze(error);
}

function shallowFreeze(error: ErrorResponse): ErrorResponse {
  Object.freeze(error);
  return error;
}

/** What an error answers: every getter, toJSON, retryDelay, and what toResponse sends. */
async function answers(error: ErrorResponse): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of getters(error)) out[name] = (error as unknown as Record<string, unknown>)[name];
  out.toJSON = error.toJSON();
  out.retryDelay = lib.retryDelay(error, 1, { jitter: false });
  const res = error.toResponse();
  out.response = [res.status, res.headers.get("retry-after"), await res.text()];
  return out;
}

for (const [decoder, decode] of DECODERS) {
  for (const [what, body, init] of CASES) {
    for (const [how, freeze] of [
      ["Object.freeze", shallowFreeze],
      ["deep freeze (harden)", deepFreeze],
    ] as const) {
      test(`${decoder}, ${what}, ${how}: every getter answers as unfrozen, twice`, async () => {
        const plain = decode(body, init);
        const frozen = freeze(decode(body, init));
        assert.ok(Object.isFrozen(frozen));
        const want = await answers(plain);
        assert.ok(Object.keys(want).length >= 10, "the getters are found");
        assert.ok(dequal(await answers(frozen), want), "first read");
        assert.ok(dequal(await answers(frozen), want), "second read (nothing could be cached)");
        assert.ok(String(frozen.stack).startsWith(`${frozen.name}: ${frozen.message}`));
      });
    }
  }

  test(`${decoder}: a frozen decodeResponse result makes its late stack on every read`, async () => {
    const decodeResponse = decoder === "TS" ? lib.decodeResponse : wasm.decodeResponse;
    const res = new Response('{"errcode":"M_FORBIDDEN","error":"No"}', { status: 403 });
    const frozen = Object.freeze(await decodeResponse(res));
    const first = frozen.stack;
    assert.type(first, "string");
    assert.ok((first as string).startsWith("Forbidden: No\n"), String(first));
    assert.is(frozen.stack, first);
  });
}

test.run();
