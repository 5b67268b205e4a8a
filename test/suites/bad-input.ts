// Bad input of every kind gets its documented NonMatrixResponse reason, and nothing throws.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type ErrorResponse, type NonMatrixReason, NonMatrixResponse } from "../../src/index.js";
import type { Decoder } from "../helpers/decoder.js";

function expectReason(result: ErrorResponse, reason: NonMatrixReason, where: string): NonMatrixResponse {
  assert.instance(result, NonMatrixResponse, `${where}: class`);
  const non = result as NonMatrixResponse;
  assert.is(non.reason, reason, `${where}: reason`);
  assert.is(non.errcode, "M_UNKNOWN", `${where}: errcode`);
  assert.ok(non.message.length > 0, `${where}: message`);
  return non;
}

export function badInputSuite(decoder: Decoder): void {
  const { decode, label } = { decode: decoder.decode.bind(decoder), label: decoder.label };

  test(`${label}: README "Failure behaviour": values that are not bodies`, () => {
    expectReason(decode(undefined), "empty", "undefined");
    expectReason(decode(null), "not_object", "null");
    for (const value of [
      0,
      42,
      Number.NaN,
      true,
      false,
      () => {},
      Symbol("x"),
      10n,
      [],
      [{ errcode: "M_FORBIDDEN" }],
    ]) {
      expectReason(decode(value), "not_object", String(typeof value));
    }
    for (const value of [new Date(), new Map([["errcode", "M_FORBIDDEN"]]), /x/, new Error("x"), Promise.resolve()]) {
      expectReason(decode(value), "not_object", Object.prototype.toString.call(value));
    }
  });

  test(`${label}: empty and whitespace bodies`, () => {
    expectReason(decode(""), "empty", "empty string");
    expectReason(decode(new Uint8Array(0)), "empty", "empty bytes");
    expectReason(decode(new ArrayBuffer(0)), "empty", "empty ArrayBuffer");
    expectReason(decode("\uFEFF"), "empty", "BOM only string");
    expectReason(decode(new Uint8Array([0xef, 0xbb, 0xbf])), "empty", "BOM only bytes");
    expectReason(decode("   "), "not_json", "spaces");
  });

  test(`${label}: a leading BOM is ignored for strings and bytes`, () => {
    const body = '{"errcode":"M_FORBIDDEN","error":"no"}';
    assert.is(decode(`\uFEFF${body}`).errcode, "M_FORBIDDEN");
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(body)]);
    assert.is(decode(bytes).errcode, "M_FORBIDDEN");
    expectReason(decode(`\uFEFF\uFEFF${body}`), "not_json", "two BOMs");
  });

  test(`${label}: bytes in any view and ArrayBuffer`, () => {
    const bytes = new TextEncoder().encode('xx{"errcode":"M_NOT_FOUND","error":"gone"}');
    const view = new Uint8Array(bytes.buffer, 2);
    assert.is(decode(view).errcode, "M_NOT_FOUND");
    assert.is(decode(view.slice().buffer).errcode, "M_NOT_FOUND");
    assert.is(decode(new DataView(bytes.buffer, 2)).errcode, "M_NOT_FOUND");
  });

  test(`${label}: broken JSON keeps the text in raw (at most 1 KiB)`, () => {
    const html = `<html>${"x".repeat(5000)}</html>`;
    const non = expectReason(decode(html, { status: 502 }), "not_json", "html");
    assert.is(non.raw.length, 1024);
    assert.ok(html.startsWith(non.raw));
    assert.is(non.status, 502);
    const emoji = `${"a".repeat(1023)}\u{1F600}`;
    assert.is(expectReason(decode(emoji), "not_json", "surrogate at the cut").raw, "a".repeat(1023));
  });

  test(`${label}: JSON that is not an object`, () => {
    for (const body of ["null", "1", '"M_FORBIDDEN"', "true", "[]", '[{"errcode":"M_FORBIDDEN"}]']) {
      expectReason(decode(body), "not_object", body);
    }
  });

  test(`${label}: a body without a string errcode keeps the parsed body`, () => {
    for (const body of ['{"error":"x"}', '{"errcode":null}', '{"errcode":1}', '{"errcode":["M_FORBIDDEN"]}', "{}"]) {
      const non = expectReason(decode(body, { status: 500 }), "missing_errcode", body);
      assert.equal(non.body, JSON.parse(body));
      assert.is(non.raw, body);
    }
  });

  test(`${label}: the size limit applies to bytes and to string length`, () => {
    const body = JSON.stringify({ errcode: "M_FORBIDDEN", error: "é".repeat(40) });
    const bytes = new TextEncoder().encode(body);
    assert.is(decode(body, { maxBytes: body.length }).errcode, "M_FORBIDDEN");
    expectReason(decode(body, { maxBytes: body.length - 1 }), "too_large", "string");
    assert.is(decode(bytes, { maxBytes: bytes.length }).errcode, "M_FORBIDDEN");
    const non = expectReason(decode(bytes, { maxBytes: bytes.length - 1 }), "too_large", "bytes");
    assert.ok(body.startsWith(non.raw));
    assert.is(decode(body, { maxBytes: -1 }).errcode, "M_FORBIDDEN", "a bad maxBytes is ignored");
    expectReason(decode("x".repeat(70_000)), "too_large", "default limit");
  });

  test(`${label}: bad init values are ignored, not thrown`, () => {
    const body = '{"errcode":"M_LIMIT_EXCEEDED","error":"x","retry_after_ms":5}';
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error("boom");
        },
      },
    );
    const inits = [
      null,
      1,
      "x",
      hostile,
      { status: "429" },
      { status: 99 },
      { status: 600 },
      { status: 429.5 },
      { headers: 5 },
      { headers: hostile },
      { now: "soon" },
    ];
    for (const [i, init] of inits.entries()) {
      const result = decode(body, init as never);
      assert.is(result.errcode, "M_LIMIT_EXCEEDED", `init #${i}`);
      assert.is(result.status, undefined);
      assert.is(result.retryAfterMs, 5);
    }
  });

  test(`${label}: objects with throwing getters are unreadable, proxies and frozen objects are read`, () => {
    const getter = {
      get errcode(): string {
        throw new Error("boom");
      },
    };
    expectReason(decode(getter), "unreadable", "getter");
    const proxy = new Proxy({ errcode: "M_FORBIDDEN", error: "p" }, {});
    assert.is(decode(proxy).errcode, "M_FORBIDDEN");
    const frozen = Object.freeze({ errcode: "M_FORBIDDEN", error: "f" });
    assert.is(decode(frozen).message, "f");
    const bare = Object.assign(Object.create(null), { errcode: "M_NOT_FOUND" });
    assert.is(decode(bare).errcode, "M_NOT_FOUND");
  });

  test(`${label}: invalid UTF-8 becomes U+FFFD, as TextDecoder does`, () => {
    const bytes = new TextEncoder().encode('{"errcode":"M_FORBIDDEN","error":"a_b"}');
    bytes[bytes.indexOf(0x5f, 20)] = 0xc3; // a lone lead byte in the message
    assert.is(decode(bytes).message, "a\uFFFDb");
  });

  test(`${label}: the body object is a copy, unknown fields included`, () => {
    const input = { errcode: "M_FORBIDDEN", error: "x", extra: { a: 1 } };
    const result = decode(input);
    input.error = "changed";
    assert.is(result.message, "x");
    assert.is(result.body.error, "x");
    assert.equal(result.body.extra, { a: 1 });
  });
}
