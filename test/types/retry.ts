// Compile-only type tests (tsc in npm test; never run): retryDelay and withRetry.
// Imported from their modules: src/index.ts does not export them yet (switch these two imports
// to "../../src/index.js" when it does).
import { decode, Registry } from "../../src/index.js";
import { type RetryPolicy, retryDelay } from "../../src/retry.js";
import { type RetryOptions, withRetry } from "../../src/with-retry.js";
import { type Equal, expectType } from "./expect.js";

const err = decode("{}", { status: 503 });
const delay = retryDelay(err, 1, { jitter: false });
expectType<Equal<typeof delay, number | undefined>>(true);
retryDelay(err, 2);
retryDelay(err, 3, { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, random: () => 0.5, idempotent: false });
// Every option takes undefined (forwarded from a caller's optional settings).
declare const maybe: number | undefined;
retryDelay(err, 1, { maxAttempts: maybe, jitter: undefined, random: undefined });
// @ts-expect-error an unknown policy field
retryDelay(err, 1, { retries: 3 });
// @ts-expect-error the error comes first, an ErrorResponse
retryDelay(1, err);
// @ts-expect-error jitter is a boolean
retryDelay(err, 1, { jitter: "full" });

export async function client(url: string, signal: AbortSignal): Promise<Response> {
  const res = await withRetry((attempt) => fetch(url, { signal, headers: { "x-attempt": String(attempt) } }), {
    signal,
    onRetry(error, delayMs, attempt) {
      expectType<Equal<typeof error, unknown>>(true);
      expectType<Equal<typeof delayMs, number>>(true);
      expectType<Equal<typeof attempt, number>>(true);
    },
  });
  expectType<Equal<typeof res, Response>>(true);
  await withRetry(() => fetch(url));
  await withRetry(() => fetch(url), { registry: new Registry(), maxBytes: 4096, captureStack: false, maxAttempts: 2 });
  const options: RetryOptions = { signal: undefined, onRetry: undefined, jitter: false };
  const policy: RetryPolicy = options;
  await withRetry(() => fetch(url), options);
  void policy;
  // @ts-expect-error send returns a Promise<Response>
  await withRetry(() => "not a response");
  // @ts-expect-error an unknown option
  await withRetry(() => fetch(url), { timeout: 1000 });
  return res;
}
