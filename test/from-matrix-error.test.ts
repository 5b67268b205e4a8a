// fromMatrixError on the shapes the SDKs throw, built from their field names, and on hostile
// values. matrix-js-sdk's real classes against a real server are in matrix-js-sdk.test.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fromMatrixError } from "../src/from-matrix-error.js";
import { decode, Forbidden, isErrorResponse, LimitExceeded, NonMatrixResponse, UnknownToken } from "../src/index.js";

// matrix-bot-sdk cannot be installed here: its native crypto binary (@matrix-org/matrix-sdk-crypto-nodejs)
// downloads at install time. This class has the fields of its src/models/MatrixError.ts: `body`,
// `statusCode`, `errcode`, `error`, and `retryAfterMs` (from a 429's Retry-After, else
// body.retry_after_ms); the headers themselves are not kept.
class BotSdkMatrixError extends Error {
  readonly errcode: string;
  readonly error: string;
  readonly retryAfterMs?: number;
  constructor(
    readonly body: { errcode: string; error: string; retry_after_ms?: number },
    readonly statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ) {
    super();
    this.errcode = body.errcode;
    this.error = body.error;
    const header = headers["retry-after"];
    if (statusCode === 429 && typeof header === "string") this.retryAfterMs = Number.parseInt(header, 10) * 1000;
    if (!this.retryAfterMs && body.retry_after_ms) this.retryAfterMs = body.retry_after_ms;
  }
  override get message(): string {
    return `${this.errcode}: ${this.error}`;
  }
}

test("matrix-bot-sdk MatrixError shape (bot-sdk cannot be installed here: its native crypto binary downloads at install): 429 with retry_after_ms", () => {
  const e = new BotSdkMatrixError({ errcode: "M_LIMIT_EXCEEDED", error: "Too many", retry_after_ms: 2000 }, 429, {});
  const err = fromMatrixError(e);
  assert.instance(err, LimitExceeded);
  assert.is(err.status, 429);
  assert.is(err.retryAfterMs, 2000);
  assert.is(err.message, "Too many");
  assert.is(err.cause, e);
  assert.equal(err.body, { errcode: "M_LIMIT_EXCEEDED", error: "Too many", retry_after_ms: 2000 });
});

test("matrix-bot-sdk MatrixError shape: a Retry-After it read (its retryAfterMs differs from the body's) wins, as the header would", () => {
  const e = new BotSdkMatrixError({ errcode: "M_LIMIT_EXCEEDED", error: "Too many", retry_after_ms: 2000 }, 429, {
    "retry-after": "7",
  });
  assert.is(e.retryAfterMs, 7000);
  const err = fromMatrixError(e);
  assert.is(err.retryAfterMs, 7000);
  assert.not.ok("retry-after" in err.body, "the body stays as received");
});

test("matrix-bot-sdk MatrixError shape: other codes and typed fields", () => {
  const e = new BotSdkMatrixError({ errcode: "M_UNKNOWN_TOKEN", error: "Expired" }, 401, {});
  Object.assign(e.body, { soft_logout: true });
  const err = fromMatrixError(e);
  assert.instance(err, UnknownToken);
  assert.is((err as UnknownToken).softLogout, true);
  assert.is(err.status, 401);
  const forbidden = fromMatrixError(new BotSdkMatrixError({ errcode: "M_FORBIDDEN", error: "No" }, 403, {}));
  assert.instance(forbidden, Forbidden);
  assert.is(forbidden.status, 403);
});

test("the caller's defined options win over what the error carries; undefined ones do not hide it", () => {
  const e = new BotSdkMatrixError({ errcode: "M_LIMIT_EXCEEDED", error: "x" }, 429, {});
  assert.is(fromMatrixError(e, { headers: { "Retry-After": "3" } }).retryAfterMs, 3000);
  assert.is(fromMatrixError(e, { status: undefined, headers: undefined }).status, 429);
});

test("matrix-js-sdk shapes by field names: MatrixError (data), HTTPError (no body), ConnectionError", () => {
  const headers = new Headers({ "retry-after": "4", "content-type": "application/json" });
  const matrix = Object.assign(new Error("MatrixError: [429] x"), {
    data: { errcode: "M_LIMIT_EXCEEDED", error: "x" },
    httpStatus: 429,
    httpHeaders: headers,
  });
  const limited = fromMatrixError(matrix);
  assert.instance(limited, LimitExceeded);
  assert.is(limited.retryAfterMs, 4000);
  const html = Object.assign(new Error("Server returned 502 error"), {
    httpStatus: 502,
    httpHeaders: new Headers({ "content-type": "text/html" }),
  });
  const proxy = fromMatrixError(html);
  assert.instance(proxy, NonMatrixResponse);
  assert.is((proxy as NonMatrixResponse).reason, "not_json");
  assert.is(proxy.status, 502);
  const plain = fromMatrixError(
    Object.assign(new Error("Server returned 503 error: upstream down"), { httpStatus: 503 }),
  ) as NonMatrixResponse;
  assert.is(plain.reason, "not_json");
  assert.is(plain.raw, "upstream down", "a text/plain body survives in js-sdk's message");
  const connection = new (class ConnectionError extends Error {
    override get name(): string {
      return "ConnectionError";
    }
  })("fetch failed");
  const lost = fromMatrixError(connection) as NonMatrixResponse;
  assert.instance(lost, NonMatrixResponse);
  assert.is(lost.reason, "unreadable");
  assert.is(lost.status, undefined);
  assert.is(lost.cause, connection);
});

test("an ErrorResponse is returned as it is", () => {
  const err = decode({ errcode: "M_FORBIDDEN", error: "no" }, { status: 403 });
  assert.is(fromMatrixError(err), err);
});

const throwing = (): never => {
  throw new Error("boom");
};
const revoked = Proxy.revocable({}, {});
revoked.revoke();
const HOSTILE: [string, unknown][] = [
  ["null", null],
  ["undefined", undefined],
  ["a number", 42],
  ["NaN", Number.NaN],
  ["a string", '{"errcode":"M_FORBIDDEN"}'],
  ["a symbol", Symbol("x")],
  ["a bigint", 10n],
  ["a function", () => 1],
  ["an array", [1, 2]],
  [
    "throwing getters on every field",
    Object.defineProperties(
      {},
      {
        data: { get: throwing },
        body: { get: throwing },
        httpStatus: { get: throwing },
        statusCode: { get: throwing },
        message: { get: throwing },
      },
    ),
  ],
  [
    "a Proxy whose every trap throws",
    new Proxy(
      {},
      {
        get: throwing,
        has: throwing,
        ownKeys: throwing,
        getPrototypeOf: throwing,
        getOwnPropertyDescriptor: throwing,
      },
    ),
  ],
  ["a revoked Proxy", revoked.proxy],
  ["data is a Proxy that throws", { data: new Proxy({}, { ownKeys: throwing, get: throwing }), httpStatus: 400 }],
  [
    "body with a throwing getter",
    { body: Object.defineProperty({}, "errcode", { get: throwing, enumerable: true }), statusCode: 400 },
  ],
  ["httpHeaders whose get throws", { httpStatus: 502, httpHeaders: { get: throwing } }],
  [
    "bot-sdk shape with a hostile retryAfterMs",
    { body: { errcode: "M_LIMIT_EXCEEDED" }, statusCode: 429, retryAfterMs: Number.POSITIVE_INFINITY },
  ],
  ["an Error", new TypeError("fetch failed")],
];

for (const [name, value] of HOSTILE) {
  test(`never throws on ${name}: an ErrorResponse whose cause is the value`, () => {
    const err = fromMatrixError(value);
    assert.ok(isErrorResponse(err));
    assert.is(typeof err.message, "string");
    assert.ok(Object.is(err.cause, value), "cause");
    const viaHostileOptions = fromMatrixError(value, new Proxy({}, { get: throwing }) as never);
    assert.ok(isErrorResponse(viaHostileOptions));
  });
}

test.run();
