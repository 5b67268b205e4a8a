// retryDelay: every rule of API.md "Acting on an error", the shared retry vectors, and a property.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CODES, decode, ErrorResponse, NonMatrixResponse, Registry } from "../src/index.js";
import { type RetryPolicy, retryDelay } from "../src/retry.js";

const RETRY_STATUSES = [408, 429, 500, 502, 503, 504, 521, 522, 523, 524];
const OTHER_STATUSES = [200, 400, 401, 403, 404, 409, 413, 418, 501, 505, 520, 525, 530, 599];
const TRANSIENT_CODES = ["M_LIMIT_EXCEEDED", "M_NOT_YET_UPLOADED", "M_CONNECTION_TIMEOUT", "M_CONNECTION_FAILED"];
const EXACT: RetryPolicy = { jitter: false };

const unknownAt = (status?: number): ErrorResponse =>
  decode({ errcode: "M_UNKNOWN" }, status === undefined ? {} : { status });
const customAt = (status?: number): ErrorResponse =>
  decode({ errcode: "COM.EXAMPLE.BUSY" }, status === undefined ? {} : { status });
const htmlAt = (status?: number): ErrorResponse =>
  decode("<html>Bad Gateway</html>", status === undefined ? {} : { status });

test("M_UNKNOWN, custom codes and non-Matrix bodies: each retryable status waits, every other status (or none) does not", () => {
  for (const make of [unknownAt, customAt, htmlAt]) {
    for (const status of RETRY_STATUSES) {
      const err = make(status);
      assert.ok(err.retryable, `${err.name} ${status}`);
      assert.is(retryDelay(err, 1, EXACT), 1000, `${err.name} ${status}`);
    }
    for (const status of [...OTHER_STATUSES, undefined]) {
      const err = make(status);
      assert.not.ok(err.retryable, `${err.name} ${status}`);
      assert.is(retryDelay(err, 1, EXACT), undefined, `${err.name} ${status}`);
    }
  }
  assert.instance(htmlAt(502), NonMatrixResponse);
});

test("each transient code retries whatever the status; every other built-in code never does", () => {
  for (const errcode of TRANSIENT_CODES) {
    for (const status of [400, 403, 404, 504, undefined]) {
      const err = decode({ errcode }, status === undefined ? {} : { status });
      assert.is(retryDelay(err, 1, EXACT), 1000, `${errcode} ${status}`);
    }
  }
  let permanent = 0;
  for (const row of CODES) {
    if (TRANSIENT_CODES.includes(row.errcode) || row.errcode === "M_UNKNOWN") continue;
    for (const status of RETRY_STATUSES) {
      assert.is(retryDelay(decode({ errcode: row.errcode }, { status }), 1, EXACT), undefined, row.errcode);
    }
    permanent++;
  }
  assert.ok(permanent > 60, `only ${permanent} permanent codes checked`);
});

test("a registered class that decides for itself (its own retryable getter) is obeyed", () => {
  class Busy extends ErrorResponse {
    static override readonly errcode = "COM.EXAMPLE.BUSY";
    override get retryable(): boolean {
      return true;
    }
  }
  class Never extends ErrorResponse {
    static override readonly errcode = "COM.EXAMPLE.NEVER";
    override get retryable(): boolean {
      return false;
    }
  }
  const own = new Registry().register("COM.EXAMPLE.BUSY", Busy).register("COM.EXAMPLE.NEVER", Never);
  assert.is(retryDelay(own.decode({ errcode: "COM.EXAMPLE.BUSY" }, { status: 400 }), 2, EXACT), 2000);
  assert.is(retryDelay(own.decode({ errcode: "COM.EXAMPLE.NEVER" }, { status: 503 }), 1, EXACT), undefined);
});

test("give up: at attempt >= maxAttempts (default 4), counting the first", () => {
  const err = unknownAt(503);
  assert.is(retryDelay(err, 3, EXACT), 4000);
  assert.is(retryDelay(err, 4, EXACT), undefined);
  assert.is(retryDelay(err, 5, EXACT), undefined);
  assert.is(retryDelay(err, 1, { jitter: false, maxAttempts: 2 }), 1000);
  assert.is(retryDelay(err, 2, { jitter: false, maxAttempts: 2 }), undefined);
  assert.is(retryDelay(err, 1, { maxAttempts: 1 }), undefined, "maxAttempts 1: never retry");
  assert.is(retryDelay(err, 1e6, { jitter: false, maxAttempts: Infinity }), 60_000, "Infinity: no attempt limit");
  assert.is(retryDelay(err, 2, { jitter: false, maxAttempts: 2.9 }), undefined, "2.9 attempts are 2");
});

test("give up: a server-named delay above maxDelayMs; exactly maxDelayMs still waits", () => {
  const at = (ms: number): ErrorResponse =>
    decode({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: ms }, { status: 429 });
  assert.is(retryDelay(at(60_000), 1), 60_000);
  assert.is(retryDelay(at(60_001), 1), undefined);
  assert.is(retryDelay(at(1_200_000), 1, { maxDelayMs: 1_200_000 }), 1_200_000);
  const header = decode("<html>busy</html>", { status: 503, headers: { "Retry-After": "61" } });
  assert.is(retryDelay(header, 1), undefined);
  assert.is(retryDelay(header, 1, { maxDelayMs: 61_000 }), 61_000);
});

test("give up: idempotent false retries only rate limits (M_LIMIT_EXCEEDED, or 429 with M_UNKNOWN)", () => {
  const once: RetryPolicy = { idempotent: false, jitter: false };
  assert.is(retryDelay(unknownAt(503), 1, once), undefined);
  assert.is(retryDelay(decode({ errcode: "M_NOT_YET_UPLOADED" }, { status: 504 }), 1, once), undefined);
  assert.is(retryDelay(htmlAt(429), 1, once), 1000, "a 429 proxy page is a rate limit");
  assert.is(retryDelay(unknownAt(429), 2, once), 2000);
  assert.is(retryDelay(decode({ errcode: "M_LIMIT_EXCEEDED" }, { status: 400 }), 1, once), 1000);
  assert.is(retryDelay(customAt(429), 1, once), undefined, "a custom code at 429 is retryable but not a rate limit");
  assert.is(retryDelay(customAt(429), 1, EXACT), 1000);
});

test("the server's delay is used exactly: no jitter, no cap, no backoff, whatever the attempt", () => {
  const policy: RetryPolicy = { random: () => 0.999, baseDelayMs: 5, maxAttempts: 10 };
  const body = decode({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 1234 }, { status: 429 });
  for (const attempt of [1, 2, 5, 9]) assert.is(retryDelay(body, attempt, policy), 1234);
  const header = decode({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 5 }, { headers: { "retry-after": "3" } });
  assert.is(retryDelay(header, 1, policy), 3000, "the header wins");
  const zero = decode({ errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 0 });
  assert.is(retryDelay(zero, 1, policy), 0, "0 is a delay, not its absence");
});

test("computed delays: baseDelayMs × 2^(attempt-1), capped at maxDelayMs", () => {
  const err = unknownAt(502);
  const policy: RetryPolicy = { jitter: false, maxAttempts: 100 };
  const got = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelay(err, n, policy));
  assert.equal(got, [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
  assert.is(retryDelay(err, 99, policy), 60_000);
  assert.is(retryDelay(err, 3, { ...policy, baseDelayMs: 250 }), 1000);
  assert.is(retryDelay(err, 3, { ...policy, maxDelayMs: 3000 }), 3000);
  assert.is(retryDelay(err, 90, { ...policy, baseDelayMs: 0 }), 0, "base 0 stays 0, never NaN");
  assert.is(retryDelay(err, 2, { ...policy, maxDelayMs: 0 }), 0);
});

test("jitter: computed × (0.5 + random()/2), so within [0.5, 1) × computed; random 0 halves it", () => {
  const err = unknownAt(503);
  assert.is(retryDelay(err, 1, { random: () => 0 }), 500);
  assert.is(retryDelay(err, 2, { random: () => 0.5 }), 1500);
  assert.is(retryDelay(err, 3, { random: () => 0.25 }), 2500);
  const top = retryDelay(err, 1, { random: () => 1 - Number.EPSILON }) as number;
  assert.ok(top < 1000 && top > 999.99, String(top));
  assert.is(retryDelay(err, 10, { random: () => 0, maxAttempts: 20 }), 30_000, "jitter applies after the cap");
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.integer({ min: 1, max: 12 }),
      (r, n) => {
        const computed = Math.min(60_000, 1000 * 2 ** (n - 1));
        const got = retryDelay(err, n, { random: () => r, maxAttempts: 13 }) as number;
        return got >= computed / 2 && got < computed;
      },
    ),
    { seed: 20261201 },
  );
});

test("bad policy values fall back to the defaults", () => {
  const err = unknownAt(503);
  const bad = [Number.NaN, -1, -Infinity, "3", null, {}, () => 1, true, 10n, Symbol("x")];
  for (const value of bad) {
    const label = typeof value === "symbol" ? "symbol" : String(value);
    const p = (key: string): RetryPolicy => ({ jitter: false, [key]: value }) as RetryPolicy;
    assert.is(retryDelay(err, 3, p("maxAttempts")), 4000, `maxAttempts ${label}`);
    assert.is(retryDelay(err, 4, p("maxAttempts")), undefined, `maxAttempts ${label}`);
    assert.is(retryDelay(err, 2, p("baseDelayMs")), 2000, `baseDelayMs ${label}`);
    assert.is(retryDelay(err, 8, { ...p("maxDelayMs"), maxAttempts: 9 }), 60_000, `maxDelayMs ${label}`);
    assert.is(retryDelay(err, 1, { ...p("idempotent"), jitter: false }), 1000, `idempotent ${label}`);
  }
  for (const value of [0, 0.5]) {
    assert.is(retryDelay(err, 3, { maxAttempts: value, jitter: false }), 4000, `maxAttempts ${value}`);
    assert.is(retryDelay(err, 4, { maxAttempts: value, jitter: false }), undefined, `maxAttempts ${value}`);
  }
  assert.is(retryDelay(err, 8, { maxDelayMs: Infinity, maxAttempts: 9, jitter: false }), 60_000, "an infinite cap");
  assert.is(retryDelay(err, 1, { baseDelayMs: Infinity, jitter: false }), 1000);
  for (const jitter of ["no", 0, null]) {
    const got = retryDelay(err, 1, { jitter, random: () => 0 } as unknown as RetryPolicy);
    assert.is(got, 500, `jitter ${String(jitter)} is the default (on)`);
  }
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error("hostile");
      },
    },
  );
  assert.is(retryDelay(err, 1, hostile as RetryPolicy) !== undefined, true, "a throwing policy is the default");
  for (const policy of [null, 42, "x", []]) {
    const got = retryDelay(err, 2, policy as unknown as RetryPolicy) as number;
    assert.ok(got >= 1000 && got < 2000, String(policy));
  }
});

test("a random that throws or returns garbage is replaced by Math.random for that draw", () => {
  const err = unknownAt(503);
  const real = Math.random;
  Math.random = () => 0.5;
  try {
    const garbage: (() => unknown)[] = [
      () => Number.NaN,
      () => 1,
      () => -0.1,
      () => 7,
      () => "0.1",
      () => Infinity,
      () => undefined,
      () => {
        throw new Error("no entropy");
      },
    ];
    for (const random of garbage) {
      assert.is(retryDelay(err, 1, { random } as RetryPolicy), 750, String(random));
    }
    assert.is(retryDelay(err, 1, { random: () => 0 }), 500, "a good random is used");
  } finally {
    Math.random = real;
  }
});

test("never throws: a non-ErrorResponse err, a bad attempt, hostile getters give undefined", () => {
  const err = unknownAt(503);
  for (const notErr of [null, undefined, 42, "M_LIMIT_EXCEEDED", { retryable: true, retryAfterMs: 5 }, [], () => 1]) {
    assert.is(retryDelay(notErr as unknown as ErrorResponse, 1), undefined, String(notErr));
  }
  for (const attempt of [0, -1, Number.NaN, "1", null, undefined, 0.5, -Infinity]) {
    assert.is(retryDelay(err, attempt as number), undefined, `attempt ${String(attempt)}`);
  }
  assert.is(retryDelay(err, 1.7, EXACT), 1000, "a fractional attempt is floored");
  assert.is(retryDelay(err, Infinity, EXACT), undefined);

  class Throws extends ErrorResponse {
    override get retryable(): boolean {
      throw new Error("hostile");
    }
  }
  class BadWait extends ErrorResponse {
    override get retryable(): boolean {
      return true;
    }
    override get retryAfterMs(): number | undefined {
      return this.message === "nan" ? Number.NaN : this.message === "neg" ? -5 : Infinity;
    }
  }
  class ThrowsLater extends ErrorResponse {
    override get retryable(): boolean {
      return true;
    }
    override get isRateLimited(): boolean {
      throw new Error("hostile");
    }
  }
  assert.is(retryDelay(new Throws({ errcode: "X" }), 1), undefined);
  assert.is(retryDelay(new ThrowsLater({ errcode: "X" }), 1), undefined);
  assert.is(retryDelay(new BadWait({ errcode: "X", error: "nan" }), 1, EXACT), 1000, "NaN reads as no delay");
  assert.is(retryDelay(new BadWait({ errcode: "X", error: "neg" }), 1, EXACT), 1000, "negative reads as no delay");
  assert.is(retryDelay(new BadWait({ errcode: "X", error: "inf" }), 1, EXACT), undefined, "Infinity is above any cap");
  const truthy = new (class extends ErrorResponse {
    override get retryable(): boolean {
      return 1 as unknown as boolean;
    }
  })({ errcode: "X" });
  assert.is(retryDelay(truthy, 1), undefined, "only retryable === true retries");
});

interface RetryVector {
  name: string;
  body: string;
  status: number;
  headers: Record<string, string>;
  attempt: number;
  policy: RetryPolicy;
  randomValue?: number;
  expect: { retryable: boolean; delayMs: number | null };
}

test("the shared retry vectors (test/fixtures/retry.json)", () => {
  const url = new URL("../../test/fixtures/retry.json", import.meta.url);
  const { cases } = JSON.parse(readFileSync(url, "utf8")) as { cases: RetryVector[] };
  assert.ok(cases.length >= 20, `${cases.length} cases`);
  for (const c of cases) {
    const err = decode(c.body, { status: c.status, headers: c.headers });
    const random = c.randomValue;
    const policy: RetryPolicy = random === undefined ? c.policy : { ...c.policy, random: () => random };
    assert.is(err.retryable, c.expect.retryable, c.name);
    assert.is(retryDelay(err, c.attempt, policy) ?? null, c.expect.delayMs, c.name);
  }
});

test("property: for any error, attempt and policy, never throws; undefined or a finite number >= 0", () => {
  const status = fc.option(fc.oneof(fc.constantFrom(...RETRY_STATUSES, ...OTHER_STATUSES), fc.integer()), {
    nil: undefined,
  });
  const errcode = fc.oneof(fc.constantFrom(...CODES.map((row) => row.errcode)), fc.string());
  const body = fc.oneof(
    fc.record({ errcode, retry_after_ms: fc.anything() }, { requiredKeys: [] }),
    fc.string(),
    fc.anything(),
  );
  const headers = fc.dictionary(fc.constantFrom("Retry-After", "retry-after", "X"), fc.string());
  const err = fc.oneof(
    fc
      .tuple(body, status, headers)
      .map(([b, s, h]) => decode(b, s === undefined ? { headers: h } : { status: s, headers: h })),
    fc.anything(),
  );
  const number = fc.oneof(fc.double(), fc.integer({ min: -3, max: 20 }), fc.anything());
  const policy = fc.oneof(
    fc.record(
      {
        maxAttempts: number,
        baseDelayMs: number,
        maxDelayMs: number,
        jitter: fc.oneof(fc.boolean(), fc.anything()),
        random: fc.oneof(
          fc.anything(),
          number.map((v) => () => v),
        ),
        idempotent: fc.oneof(fc.boolean(), fc.anything()),
      },
      { requiredKeys: [] },
    ),
    fc.anything(),
  );
  fc.assert(
    fc.property(err, number, policy, (e, attempt, p) => {
      const got = retryDelay(e as ErrorResponse, attempt as number, p as RetryPolicy);
      return got === undefined || (typeof got === "number" && Number.isFinite(got) && got >= 0);
    }),
    { seed: 20261201, numRuns: 2000 },
  );
});

test.run();
