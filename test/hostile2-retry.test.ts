// Never-throws properties (issue 10, "Also") for the retry helpers of 0.2: `retryDelay` of
// anything decoded with any attempt and policy, and `withRetry` with any options and any answers:
// it settles with a Response, or rejects with the decoded error or what `send` threw, never
// with an error of its own making.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decode, type ErrorResponse, isErrorResponse } from "../src/index.js";
import { retryDelay } from "../src/retry.js";
import { withRetry } from "../src/with-retry.js";

const SEED = 20261202;
const anything = fc.anything({ withBigInt: true, withNullPrototype: true, withTypedArray: true, withDate: true });
const odd = fc.constantFrom<unknown>(Number.NaN, -1, Infinity, -Infinity, "2", null, 0.5, 1e308, 2 ** 53);

const decoded = fc
  .tuple(
    fc.constantFrom("M_LIMIT_EXCEEDED", "M_FORBIDDEN", "M_UNKNOWN", "COM.X", "M_NOT_YET_UPLOADED"),
    fc.oneof(fc.nat(10_000), odd),
    fc.constantFrom(undefined, 429, 500, 503, 400, 0),
    fc.constantFrom<[string, string][]>(
      [],
      [["retry-after", "3"]],
      [["retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"]],
      [["retry-after", "-1"]],
    ),
  )
  .map(([errcode, ms, status, headers]) =>
    decode(JSON.stringify({ errcode, retry_after_ms: ms }), { status, headers, captureStack: false }),
  );

const policy = fc.oneof(
  anything,
  fc.record(
    {
      maxAttempts: fc.oneof(fc.integer({ min: -2, max: 6 }), odd),
      baseDelayMs: fc.oneof(fc.nat(2_000), odd),
      maxDelayMs: fc.oneof(fc.nat(120_000), odd),
      jitter: fc.oneof(fc.boolean(), anything),
      random: fc.oneof(
        fc.constant(() => 0.999),
        fc.constant(() => Number.NaN),
        fc.constant(() => 7),
        fc.constant(() => {
          throw new Error("random");
        }),
        anything,
      ),
      idempotent: fc.oneof(fc.boolean(), anything),
    },
    { requiredKeys: [] },
  ),
);

test("never throws: retryDelay of anything decoded, for any attempt and any policy; undefined or a finite delay ≥ 0", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        decoded,
        anything.map((value) => decode(value)),
      ),
      fc.oneof(fc.integer({ min: -3, max: 40 }), odd, anything),
      policy,
      (err, attempt, given) => {
        let delay: number | undefined;
        try {
          delay = retryDelay(err, attempt as number, given as never);
        } catch (thrown) {
          assert.unreachable(`retryDelay threw ${String(thrown)}`);
        }
        assert.ok(delay === undefined || (Number.isFinite(delay) && delay >= 0), `delay ${delay}`);
      },
    ),
    { seed: SEED, numRuns: 20_000 },
  );
});

/** A server's answer for one attempt: a status and a body, or a thrown network error. */
const answer = fc.oneof(
  fc.record({
    status: fc.constantFrom(200, 204, 400, 403, 429, 500, 502, 503),
    body: fc.oneof(
      fc.constant('{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":1}'),
      fc.constant('{"errcode":"M_FORBIDDEN"}'),
      fc.constant("<html>502</html>"),
      fc.constant(""),
      fc.string(),
    ),
  }),
  fc.constant("throw" as const),
);

test("never throws its own errors: withRetry with any options settles with a Response, the decoded error or what send threw", async () => {
  let settled = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(answer, { minLength: 1, maxLength: 4 }),
      fc.record(
        {
          // Not Infinity nor huge: those retry for as long as the error allows, by design.
          maxAttempts: fc.oneof(
            fc.integer({ min: 1, max: 4 }),
            fc.constantFrom<unknown>(Number.NaN, -1, "2", null, 0.5),
          ),
          baseDelayMs: fc.oneof(fc.nat(3), odd),
          jitter: fc.oneof(fc.boolean(), anything),
          random: fc.oneof(
            fc.constant(() => 0.5),
            fc.constant(() => Number.NaN),
            anything,
          ),
          idempotent: fc.oneof(fc.boolean(), anything),
          maxBytes: fc.oneof(fc.nat(100), odd),
          captureStack: fc.oneof(fc.boolean(), anything),
          onRetry: fc.oneof(
            fc.constant(undefined),
            fc.constant(() => {}),
            anything,
          ),
        },
        { requiredKeys: [] },
      ),
      async (answers, options) => {
        const thrown = new Error("network");
        const send = async (attempt: number): Promise<Response> => {
          const a = answers[Math.min(attempt - 1, answers.length - 1)];
          if (a === "throw" || a === undefined) throw thrown;
          return new Response(a.status === 204 ? null : a.body, { status: a.status });
        };
        // Computed delays stay at most 5 ms; server-named ones above it end the loop.
        const given = { ...options, maxDelayMs: 5 } as never;
        try {
          const res = await withRetry(send, given);
          assert.instance(res, Response);
          assert.ok(res.ok, `resolved with ${res.status}`);
        } catch (error) {
          assert.ok(
            error === thrown || isErrorResponse(error),
            `rejected with ${String(error)} (${(error as ErrorResponse)?.constructor?.name})`,
          );
        }
        settled++;
      },
    ),
    { seed: SEED, numRuns: 400 },
  );
  assert.is(settled, 400);
});

test.run();
