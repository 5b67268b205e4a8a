// Hostile input, round 2 (issue 10): the classes of input the first round missed, per decoder.
// Everything comes from test/helpers/subject.ts, so the same assertions can be run against an
// older build ($MATRIX_ERRORS_SUBJECT) to show they failed before the fixes.
import { Readable } from "node:stream";
import { runInNewContext } from "node:vm";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Body, DecodeInit, ErrorResponse, NonMatrixResponse } from "../../src/index.js";
import type { Decoder } from "../helpers/decoder.js";
import { lib } from "../helpers/subject.js";

const LIMITED = '{"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":2000}';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const reasonOf = (error: ErrorResponse): string | undefined => (error as NonMatrixResponse).reason;

/** A response-like object (any realm, any shape) where the API wants a `Response`. */
function responseLike(shape: Record<string, unknown>): Response {
  return { status: 429, headers: new Headers(), ...shape } as unknown as Response;
}

/** A web stream of the given chunks, then closed. */
function streamOf(chunks: unknown[]): ReadableStream<unknown> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

function assertLimited(result: ErrorResponse, where: string): void {
  assert.is(result.name, "LimitExceeded", `${where}: ${result.name} ${String(reasonOf(result))}`);
  assert.is(result.retryAfterMs, 2000, where);
}

/** The hostile-input tests of issue 10 that take one decoder. */
export function hostile2Suite(decoder: Decoder): void {
  const { label } = decoder;

  // 10.2 ------------------------------------------------------------------------------------
  class FrozenQuota extends lib.ErrorResponse {
    constructor(body: Body, init?: DecodeInit) {
      super(body, init);
      Object.freeze(this);
    }
  }
  class SealedQuota extends lib.ErrorResponse {
    constructor(body: Body, init?: DecodeInit) {
      super(body, init);
      Object.seal(this);
    }
  }

  test(`hostile 10.2 self-freezing class (${label}): a class that freezes or seals itself decodes, with and without stacks`, async () => {
    const mine = new lib.Registry()
      .register("COM.EXAMPLE.FROZEN", FrozenQuota)
      .register("COM.EXAMPLE.SEALED", SealedQuota);
    const over = await decoder.withRegistry(mine);
    for (const [code, cls] of [
      ["COM.EXAMPLE.FROZEN", FrozenQuota],
      ["COM.EXAMPLE.SEALED", SealedQuota],
    ] as const) {
      const body = `{"errcode":"${code}","error":"quota"}`;
      for (const captureStack of [true, false]) {
        let result: ErrorResponse | undefined;
        try {
          result = over.decode(body, { captureStack });
        } catch (error) {
          assert.unreachable(`decode threw ${String(error)}`);
        }
        assert.instance(result, cls, `${code} decode captureStack ${captureStack}`);
        assert.is(result?.message, "quota");
        const res = await over.decodeResponse(new Response(body, { status: 403 }), { captureStack });
        assert.instance(res, cls, `${code} decodeResponse: ${res.name} ${String(reasonOf(res))}`);
        assert.is(res.status, 403);
      }
    }
  });

  // 10.3 ------------------------------------------------------------------------------------
  async function assertSendsBack(error: ErrorResponse, init: ResponseInit | undefined, where: string): Promise<void> {
    let res: Response | undefined;
    try {
      res = error.toResponse(init);
    } catch (thrown) {
      assert.unreachable(`${where}: toResponse threw ${String(thrown)}`);
    }
    if (res === undefined) return;
    const back = await decoder.decodeResponse(res);
    assert.is(back.constructor, error.constructor, `${where}: sent ${back.name}`);
    assert.is(back.errcode, error.errcode, where);
    assert.is(back.message, error.message, where);
  }

  test(`hostile 10.3 toResponse (${label}): never throws for statuses a Response cannot carry, BigInt, cycles, own toJSON; sends back the same class`, async () => {
    for (const status of [204, 205, 304]) {
      const error = decoder.decode('{"errcode":"M_FORBIDDEN","error":"no"}', { status });
      await assertSendsBack(error, undefined, `decoded status ${status}`);
      assert.is(error.toResponse().status, 403, `status ${status} falls back to the code's`);
    }
    const forbidden = decoder.decode('{"errcode":"M_FORBIDDEN","error":"no"}');
    for (const status of [100, 101, 103, 150, 199, 204, 600, -1, 200.5]) {
      await assertSendsBack(forbidden, { status }, `init.status ${status}`);
    }
    const cyclic: Record<string, unknown> = { errcode: "M_FORBIDDEN", error: "cycle" };
    cyclic.self = cyclic;
    await assertSendsBack(decoder.decode({ errcode: "M_FORBIDDEN", error: "big", n: 10n }), undefined, "BigInt");
    await assertSendsBack(decoder.decode(cyclic), undefined, "cycle");
    await assertSendsBack(decoder.decode({ errcode: "COM.X.BIG", error: "big", n: [1n] }), undefined, "custom BigInt");
    const sneaky = decoder.decode({
      errcode: "M_FORBIDDEN",
      error: "shown",
      toJSON: () => ({ errcode: "M_UNKNOWN", error: "hidden" }),
    });
    await assertSendsBack(sneaky, undefined, "own toJSON");
    const text = await sneaky.toResponse().text();
    assert.not.match(text, /hidden/, "the own toJSON is not what is sent");
    let getter = 0;
    const withGetter = decoder.decode({
      errcode: "M_FORBIDDEN",
      get error() {
        getter++;
        return "read once";
      },
    });
    await assertSendsBack(withGetter, undefined, "getter");
    assert.is(getter, 1, "the getter was read once, at decode");
  });

  // 10.4 ------------------------------------------------------------------------------------
  test(`hostile 10.4 Retry-After out (${label}): always 1*DIGIT, capped at 2147483648 s`, () => {
    for (const ms of ["1e24", "1e300", "2147483648000", "2147483648001", "9007199254740993"]) {
      const error = decoder.decode(`{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":${ms}}`);
      const header = error.toResponse().headers.get("retry-after");
      assert.ok(header !== null && /^\d+$/.test(header), `retry_after_ms ${ms}: Retry-After ${header}`);
      assert.is(header, "2147483648", `retry_after_ms ${ms}`);
    }
    const small = decoder.decode('{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":1500}').toResponse();
    assert.is(small.headers.get("retry-after"), "2");
  });

  // 10.6 ------------------------------------------------------------------------------------
  test(`hostile 10.6 shadowed sizes (${label}): length, byteLength and subarray a caller overrides are not read`, () => {
    const secret = `{"errcode":"M_FORBIDDEN","error":"SECRET ${"s".repeat(500)}"}`;
    const body = '{"errcode":"M_FORBIDDEN","error":"mine"}';
    const shadowed = encode(body);
    Object.defineProperty(shadowed, "length", { value: 4096 });
    Object.defineProperty(shadowed, "byteLength", { value: 4096 });
    Object.defineProperty(shadowed, "subarray", { value: () => encode(secret) });
    class Lying extends Uint8Array {
      override get length(): number {
        return 4096;
      }
      override get byteLength(): number {
        return 4096;
      }
      override subarray(): Uint8Array<ArrayBuffer> {
        return encode(secret) as Uint8Array<ArrayBuffer>;
      }
    }
    const lying = new Lying(encode(body));
    const short = encode(body).subarray(0, 10);
    Object.defineProperty(short, "length", { value: body.length });
    for (const input of [shadowed, lying]) {
      decoder.decode(secret);
      decoder.decode(encode(secret));
      const result = decoder.decode(input);
      assert.is(result.name, "Forbidden");
      assert.is(result.message, "mine", `${input.constructor.name}: ${result.message.slice(0, 40)}`);
      assert.equal(result.body, { errcode: "M_FORBIDDEN", error: "mine" });
    }
    decoder.decode(encode(secret));
    const cut = decoder.decode(short);
    assert.is(reasonOf(cut), "not_json", "only the 10 bytes of the view are read");
    assert.not.match(cut.message, /SECRET/);
    const tooLarge = encode(body);
    Object.defineProperty(tooLarge, "length", { value: 10 });
    Object.defineProperty(tooLarge, "byteLength", { value: 10 });
    assert.is(reasonOf(decoder.decode(tooLarge, { maxBytes: 20 })), "too_large", "the real size is checked");
  });

  // 10.8 ------------------------------------------------------------------------------------
  test(`hostile 10.8 editing err.body (${label}): the body and its typed arrays are frozen; typed getters never move`, () => {
    const text = '{"errcode":"M_SAFETY","error":"harmful","harms":["spam"],"retry_after_ms":5,"x":{"y":1}}';
    for (const input of [text, encode(text), JSON.parse(text) as unknown]) {
      const error = decoder.decode(input) as ErrorResponse & { harms?: readonly string[] };
      const body = error.body as Record<string, unknown>;
      assert.ok(Object.isFrozen(body), `body frozen (${typeof input})`);
      assert.ok(Object.isFrozen(body.harms), "typed array frozen");
      assert.throws(() => {
        body.error = "edited";
      }, TypeError);
      assert.throws(() => {
        (body.harms as string[]).push("edited");
      }, TypeError);
      assert.is(error.message, "harmful");
      assert.equal(error.harms, ["spam"]);
      assert.is(error.retryAfterMs, 5);
      assert.is(body.error, "harmful");
    }
    // Freezing the body never freezes what the caller handed in.
    const harms = ["spam"];
    const given = { errcode: "M_SAFETY", harms };
    decoder.decode(given);
    assert.not.ok(Object.isFrozen(harms), "the caller's array is not frozen");
    assert.not.ok(Object.isFrozen(given), "the caller's object is not frozen");
    harms.push("more");
    assert.equal(harms, ["spam", "more"]);
  });

  // 10.9 ------------------------------------------------------------------------------------
  test(`hostile 10.9 foreign realms and shapes (${label}): vm bytes and buffers, SharedArrayBuffer, vm chunks, Node Readable with arrayBuffer(), Content-Length`, async () => {
    const realm = runInNewContext("({ Uint8Array, ArrayBuffer, DataView })") as {
      Uint8Array: Uint8ArrayConstructor;
      ArrayBuffer: ArrayBufferConstructor;
      DataView: DataViewConstructor;
    };
    const bytes = encode(LIMITED);
    const foreign = new realm.Uint8Array(bytes.length);
    foreign.set(bytes);
    const shared = new SharedArrayBuffer(bytes.length);
    new Uint8Array(shared).set(bytes);
    const inputs: [string, unknown][] = [
      ["vm Uint8Array", foreign],
      ["vm ArrayBuffer", foreign.buffer],
      ["vm DataView", new realm.DataView(foreign.buffer)],
      ["SharedArrayBuffer", shared],
      ["Uint8Array over a SharedArrayBuffer", new Uint8Array(shared)],
      ["vm object", runInNewContext(`(${LIMITED})`)],
    ];
    for (const [where, input] of inputs) assertLimited(decoder.decode(input), where);

    // A view is read by its own element type, whatever its prototype says: the same bytes either way.
    const even = new Uint8Array(bytes.length + (bytes.length % 2));
    even.set(bytes);
    if (bytes.length % 2 === 1) even[bytes.length] = 0x20;
    const wide = new Int16Array(even.buffer);
    Object.setPrototypeOf(wide, Uint8Array.prototype);
    const narrow = new Uint8Array(even.buffer);
    Object.setPrototypeOf(narrow, Int16Array.prototype);
    const view = new DataView(even.buffer);
    Object.setPrototypeOf(view, Uint8Array.prototype);
    const disguised: [string, unknown][] = [
      ["an Int16Array with Uint8Array's prototype", wide],
      ["a Uint8Array with Int16Array's prototype", narrow],
      ["a DataView with Uint8Array's prototype", view],
    ];
    for (const [where, input] of disguised) assertLimited(decoder.decode(input), where);

    const chunked = [foreign.subarray(0, 10), new realm.Uint8Array(0), foreign.subarray(10)];
    assertLimited(await decoder.decodeResponse(responseLike({ body: streamOf(chunked) })), "vm chunks");

    const node = Buffer.from(LIMITED);
    const readable = responseLike({
      body: Readable.from([node]),
      arrayBuffer: async () => node.buffer.slice(node.byteOffset, node.byteOffset + node.length),
    });
    assertLimited(await decoder.decodeResponse(readable), "Node Readable with arrayBuffer()");
    assertLimited(
      await decoder.decodeResponse(responseLike({ arrayBuffer: async () => foreign.buffer })),
      "arrayBuffer() of another realm",
    );

    let read = false;
    const huge = responseLike({
      status: 200,
      headers: new Headers({ "content-length": String(50 * 2 ** 20) }),
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(50 * 2 ** 20);
      },
    });
    const refused = await decoder.decodeResponse(huge);
    assert.is(reasonOf(refused), "too_large");
    assert.not.ok(read, "a Content-Length over maxBytes is refused before arrayBuffer() is called");
  });

  // 10.10 -----------------------------------------------------------------------------------
  test(`hostile 10.10 endless empty reads (${label}): zero-length chunks are bounded; an abort signal answers unreadable`, async () => {
    // 100,000 empty chunks, then a good body: the read must give up long before the body.
    let pulls = 0;
    const empties = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls > 100_000) {
          controller.enqueue(encode(LIMITED));
          controller.close();
        } else controller.enqueue(new Uint8Array(0));
      },
    });
    const endless = await decoder.decodeResponse(responseLike({ body: empties }));
    assert.is(reasonOf(endless), "unreadable", `${endless.name} after ${pulls} reads`);
    assert.ok(pulls < 10_000, `${pulls} reads`);

    // A body that arrives only after the caller aborted.
    const late = (ms: number): ReadableStream<Uint8Array> =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          setTimeout(() => {
            try {
              controller.enqueue(encode(LIMITED));
              controller.close();
            } catch {
              // Cancelled by the aborted read: the fix under test.
            }
          }, ms);
        },
      });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("caller gave up")), 20);
    const aborted = await decoder.decodeResponse(responseLike({ body: late(400) }), { signal: controller.signal });
    assert.is(reasonOf(aborted), "unreadable", `aborted stream: ${aborted.name}`);

    const before = AbortSignal.abort();
    const pre = await decoder.decodeResponse(new Response(LIMITED, { status: 429 }), { signal: before });
    assert.is(reasonOf(pre), "unreadable", `pre-aborted: ${pre.name}`);

    const slowBuffer = responseLike({
      arrayBuffer: () =>
        new Promise<ArrayBuffer>((resolve) => setTimeout(() => resolve(encode(LIMITED).buffer as ArrayBuffer), 400)),
    });
    const abortBuffer = new AbortController();
    setTimeout(() => abortBuffer.abort(), 20);
    const stopped = await decoder.decodeResponse(slowBuffer, { signal: abortBuffer.signal });
    assert.is(reasonOf(stopped), "unreadable", `aborted arrayBuffer(): ${stopped.name}`);

    // Not aborted: the signal changes nothing.
    const kept = await decoder.decodeResponse(new Response(LIMITED), { signal: new AbortController().signal });
    assertLimited(kept, "signal never aborted");
  });

  // 10.12 -----------------------------------------------------------------------------------
  class Throwing extends lib.ErrorResponse {
    constructor(body: Body, init?: DecodeInit) {
      super(body, init);
      throw new Error("boom");
    }
  }
  class Nesting extends lib.ErrorResponse {
    readonly inner: ErrorResponse;
    constructor(body: Body, init?: DecodeInit) {
      super(body, init);
      this.inner = lib.decode('{"errcode":"M_FORBIDDEN","error":"inner"}');
    }
  }

  test(`hostile 10.12 cause of a throwing constructor (${label}): what the constructor threw keeps its frames`, async () => {
    const mine = new lib.Registry().register("COM.EXAMPLE.THROWS", Throwing);
    const over = await decoder.withRegistry(mine);
    const frames = /\n\s+at /;
    const failed = over.decode('{"errcode":"COM.EXAMPLE.THROWS","error":"x"}');
    assert.instance(failed, lib.CustomErrorResponse);
    assert.instance(failed.cause, Error);
    assert.match(String((failed.cause as Error).stack), frames, "the constructor's error has frames");
  });

  test(`hostile 10.12 re-entrant decodes (${label}): an error decoded inside a registered constructor has frames, and so does the outer one`, async () => {
    const mine = new lib.Registry().register("COM.EXAMPLE.NESTS", Nesting);
    const over = await decoder.withRegistry(mine);
    const frames = /\n\s+at /;
    const outer = over.decode('{"errcode":"COM.EXAMPLE.NESTS","error":"outer"}') as Nesting;
    assert.instance(outer, Nesting);
    assert.match(String(outer.stack), frames, "the outer error has frames");
    assert.match(String(outer.inner.stack), frames, "the error decoded inside a constructor has frames");
    const after = over.decode('{"errcode":"M_FORBIDDEN","error":"after"}');
    assert.match(String(after.stack), frames, "the stack limit is restored after a re-entrant decode");
    const unlimited = new Error("probe");
    assert.match(String(unlimited.stack), frames, "the caller's stacks are untouched");
  });
}
