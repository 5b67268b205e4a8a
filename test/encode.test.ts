// Encoding for servers: toJSON (lossless) and toResponse (status, JSON, Retry-After).
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  CODES,
  CustomErrorResponse,
  decode,
  decodeResponse,
  type ErrorInit,
  ErrorResponse,
  Forbidden,
  IncompatibleRoomVersion,
  LimitExceeded,
  NonMatrixResponse,
  registry,
  UnknownToken,
} from "../src/index.js";

test("README example: a server builds an error and sends it", async () => {
  const err = new LimitExceeded({ errcode: "M_LIMIT_EXCEEDED", error: "Too many requests", retry_after_ms: 2500 });
  const res = err.toResponse();
  assert.is(res.status, 429);
  assert.is(res.headers.get("content-type"), "application/json");
  assert.is(res.headers.get("retry-after"), "3");
  assert.equal(await res.json(), { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests", retry_after_ms: 2500 });
});

test("toResponse: every class answers with its default status, and decodes back", async () => {
  for (const row of CODES) {
    const cls = registry.get(row.errcode);
    assert.ok(cls);
    if (!cls) continue;
    const err = new cls({ errcode: row.errcode, error: "m" });
    const res = err.toResponse();
    assert.is(res.status, row.status, row.errcode);
    const back = await decodeResponse(res);
    assert.instance(back, cls);
    assert.is(back.status, row.status);
    assert.equal(back.body, err.body);
  }
});

test("toResponse: init overrides status and headers; the caller's status wins over the default", () => {
  const err = decode('{"errcode":"M_FORBIDDEN","error":"no"}', { status: 400 });
  assert.is(err.toResponse().status, 400);
  const res = err.toResponse({ status: 451, headers: { "Content-Type": "application/problem+json", "X-A": "1" } });
  assert.is(res.status, 451);
  assert.is(res.headers.get("content-type"), "application/problem+json");
  assert.is(res.headers.get("x-a"), "1");
  assert.is(new CustomErrorResponse({ errcode: "COM.X" }).toResponse().status, 500);
  assert.is(decode("<html>").toResponse().status, 502);
  assert.is(decode('{"errcode":"M_FORBIDDEN"}', { status: 101 }).toResponse().status, 403, "a 1xx cannot be sent");
});

test("toResponse: Retry-After in whole seconds, rounded up, from the header or the body", () => {
  const err = decode('{"errcode":"M_LIMIT_EXCEEDED"}', {
    status: 429,
    headers: { "retry-after": "Sun, 06 Nov 1994 08:49:37 GMT" },
    now: Date.UTC(1994, 10, 6, 8, 49, 36, 500),
  });
  assert.is(err.retryAfterMs, 500);
  assert.is(err.toResponse().headers.get("retry-after"), "1");
  assert.is(decode('{"errcode":"M_FORBIDDEN"}').toResponse().headers.get("retry-after"), null);
  assert.is(decode('{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":0}').toResponse().headers.get("retry-after"), "0");
});

test("toJSON: lossless for decoded values, aliases and unknown fields included", () => {
  const body = { errcode: "ORG.MATRIX.MSC3823.USER_SUSPENDED", error: 42, nested: { a: [1, null] }, __proto__: 1 };
  const text = JSON.stringify(body).replace('"__proto__":1', '"__proto__":{"polluted":true}');
  const err = decode(text, { status: 403 });
  const again = decode(err.toJSON(), { status: 403 });
  assert.is(again.constructor, err.constructor);
  assert.is(again.errcode, "M_USER_SUSPENDED");
  assert.is(again.message, err.message);
  assert.equal(again.body, err.body);
  assert.equal(JSON.parse(JSON.stringify(err)), JSON.parse(text));
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});

test("toJSON: a body built without errcode gets the class's", () => {
  assert.equal(new Forbidden({ error: "no" }).toJSON(), { error: "no", errcode: "M_FORBIDDEN" });
  assert.equal(new Forbidden({ errcode: 5 }).toJSON(), { errcode: "M_FORBIDDEN" });
  assert.equal(new IncompatibleRoomVersion({ room_version: "12" }).roomVersion, "12");
});

test("NonMatrixResponse: toJSON is M_UNKNOWN with the message; body is {} or the parsed object", () => {
  const html = decode("<html>", { status: 502 }) as NonMatrixResponse;
  assert.equal(html.toJSON(), { errcode: "M_UNKNOWN", error: html.message });
  assert.equal(html.body, {});
  const missing = decode('{"error":"Internal server error"}', { status: 500 }) as NonMatrixResponse;
  assert.equal(missing.body, { error: "Internal server error" });
  assert.is(missing.message, "Internal server error");
  assert.is(missing.reason, "missing_errcode");
});

test("instances are real Errors with a name, a stack, and readable fields", () => {
  const err = decode('{"errcode":"M_UNKNOWN_TOKEN","error":"expired","soft_logout":true}', { status: 401 });
  assert.instance(err, Error);
  assert.instance(err, UnknownToken);
  assert.is(Object.prototype.toString.call(err), "[object Error]");
  assert.is(String(err), "UnknownToken: expired");
  assert.ok(err.stack?.startsWith("UnknownToken: expired\n"));
  assert.equal(Object.keys(err).sort(), ["errcode", "status"]);
  assert.is(err.retryAfterMs, undefined);
  assert.is(err.isSoftLogout, true);
  assert.is(err.isRateLimited, false);
});

test("every way of making an error gives the same own fields, in the same order", () => {
  // Built-in classes store their fields in their own constructors, other classes in the base one.
  class Mine extends ErrorResponse {}
  class MyLimit extends LimitExceeded {}
  const body = { errcode: "M_LIMIT_EXCEEDED", error: "slow", retry_after_ms: 5 };
  const made = [
    decode(JSON.stringify(body), { status: 429 }),
    new LimitExceeded(body, { status: 429 }),
    new MyLimit(body, { status: 429 }),
    new Mine(body, { status: 429 }),
    new CustomErrorResponse(body, { status: 429 }),
    LimitExceeded.create("slow", { retryAfterMs: 5, status: 429 }),
  ];
  for (const err of made) {
    const where = err.constructor.name;
    assert.equal(Object.keys(err), ["errcode", "status"], where);
    assert.is(err.errcode, "M_LIMIT_EXCEEDED", where);
    assert.is(err.status, 429, where);
    assert.is(err.message, "slow", where);
    assert.is(err.retryAfterMs, 5, where);
    assert.is(err.body.retry_after_ms, 5, where);
  }
  // A construction inside another (a registered constructor that builds an error first) keeps both apart.
  class Nested extends ErrorResponse {
    inner: ErrorResponse;
    constructor(b: Record<string, unknown>, i?: ErrorInit) {
      const inner = new LimitExceeded({ errcode: "M_LIMIT_EXCEEDED", error: "inner" }, { status: 429 });
      super(b, i);
      this.inner = inner;
    }
  }
  const outer = new Nested({ errcode: "COM.EXAMPLE.OUTER", error: "outer" }, { status: 500 });
  assert.is(outer.errcode, "COM.EXAMPLE.OUTER");
  assert.is(outer.status, 500);
  assert.is(outer.inner.errcode, "M_LIMIT_EXCEEDED");
  assert.is(outer.inner.message, "inner");
});

test("NonMatrixResponse can be built directly", () => {
  const non = new NonMatrixResponse("too_large", { raw: "abc", status: 413 });
  assert.is(non.reason, "too_large");
  assert.is(non.raw, "abc");
  assert.is(non.status, 413);
  assert.is(non.errcode, "M_UNKNOWN");
});

test.run();
