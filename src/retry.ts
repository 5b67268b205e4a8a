/**
 * The retry decision: how long to wait before the next attempt, or not to retry at all.
 *
 * @module
 */
import type { ErrorResponse } from "./errors.js";
import { isErrorResponse } from "./guards.js";

/** How {@link retryDelay} decides. Every field is optional; a bad value falls back to its default. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 4). `Infinity` retries for as long as the error allows. */
  maxAttempts?: number | undefined;
  /** The n-th failure waits `baseDelayMs × 2^(n-1)` when the server names no delay (default 1000). */
  baseDelayMs?: number | undefined;
  /** Cap on computed delays; a server-named delay above it means give up (default 60,000). */
  maxDelayMs?: number | undefined;
  /** Computed delays (never server-named ones) × a factor in [0.5, 1) (default `true`). */
  jitter?: boolean | undefined;
  /** The source of the jitter factor, in [0, 1) (default `Math.random`). */
  random?: (() => number) | undefined;
  /** `false`: only rate limits (`isRateLimited`) are retried, for requests that must not repeat (default `true`). */
  idempotent?: boolean | undefined;
}

const DEFAULT_ATTEMPTS = 4;
const DEFAULT_BASE_MS = 1000;
const DEFAULT_MAX_MS = 60_000;

/** @internal A policy with every field valid: what {@link decideDelay} reads. */
export interface CleanPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly jitter: boolean;
  readonly random: () => number;
  readonly idempotent: boolean;
}

const DEFAULTS: CleanPolicy = Object.freeze({
  maxAttempts: DEFAULT_ATTEMPTS,
  baseDelayMs: DEFAULT_BASE_MS,
  maxDelayMs: DEFAULT_MAX_MS,
  jitter: true,
  random: Math.random,
  idempotent: true,
});

// A policy field read through whatever the caller gave: a throwing getter reads as absent.
function field(policy: object, key: keyof RetryPolicy): unknown {
  try {
    return (policy as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function delayMs(value: unknown, fallback: number): number {
  return typeof value === "number" && value >= 0 && Number.isFinite(value) ? value : fallback;
}

/** @internal Every field of `policy` checked once; bad or absent ones are the defaults. Never throws. */
export function cleanPolicy(policy: unknown): CleanPolicy {
  if (typeof policy !== "object" || policy === null) return DEFAULTS;
  const attempts = field(policy, "maxAttempts");
  const jitter = field(policy, "jitter");
  const random = field(policy, "random");
  const idempotent = field(policy, "idempotent");
  return {
    // Floored: "never more than maxAttempts sends" must hold for 2.5 too.
    maxAttempts: typeof attempts === "number" && attempts >= 1 ? Math.floor(attempts) : DEFAULT_ATTEMPTS,
    baseDelayMs: delayMs(field(policy, "baseDelayMs"), DEFAULT_BASE_MS),
    // Finite only: an infinite cap would let 2^n overflow into an infinite wait.
    maxDelayMs: delayMs(field(policy, "maxDelayMs"), DEFAULT_MAX_MS),
    jitter: typeof jitter === "boolean" ? jitter : true,
    random: typeof random === "function" ? (random as () => number) : Math.random,
    idempotent: typeof idempotent === "boolean" ? idempotent : true,
  };
}

// The jitter factor's source, in [0, 1); a `random` that throws or returns anything else is
// replaced by Math.random for that draw.
function draw(random: () => number): number {
  let value: unknown;
  try {
    value = random();
  } catch {
    value = undefined;
  }
  return typeof value === "number" && value >= 0 && value < 1 ? value : Math.random();
}

/**
 * @internal The decision of {@link retryDelay} from its inputs, for callers (the retry loop) that
 * have no {@link ErrorResponse}: a network failure is `retryable` with no server delay.
 */
export function decideDelay(
  retryable: boolean,
  rateLimited: boolean,
  serverMs: number | undefined,
  attempt: unknown,
  policy: CleanPolicy,
): number | undefined {
  // A bad attempt number gives up: a broken counter must never turn into endless retries.
  if (!retryable || typeof attempt !== "number" || !(attempt >= 1)) return undefined;
  const n = Math.floor(attempt);
  if (n >= policy.maxAttempts) return undefined;
  if (!policy.idempotent && !rateLimited) return undefined;
  if (serverMs !== undefined) return serverMs > policy.maxDelayMs ? undefined : serverMs;
  // base 0 × 2^2000 would be 0 × Infinity = NaN.
  const base = policy.baseDelayMs;
  const computed = base === 0 ? 0 : Math.min(policy.maxDelayMs, base * 2 ** (n - 1));
  if (!policy.jitter) return computed;
  const jittered = computed * (0.5 + draw(policy.random) / 2);
  // A random just below 1 rounds 0.5 + r/2 up to 1; the factor's range is [0.5, 1), so step one
  // ulp down (x·2^-52 is at least one ulp of x).
  return jittered < computed || computed === 0 ? jittered : computed - computed * 2 ** -52;
}

/**
 * How long to wait before retrying after attempt number `attempt` (1 = the first) failed with
 * `err`, in ms; `undefined` means do not retry. The server's delay (`retryAfterMs`) is used
 * exactly; otherwise `baseDelayMs × 2^(attempt-1)`, capped at `maxDelayMs`, with jitter. It gives
 * up when `!err.retryable`, when `attempt >= maxAttempts`, when `idempotent` is false and the error
 * is not a rate limit, and when the server asks for more than `maxDelayMs`. Pure; never throws:
 * anything that is not an {@link ErrorResponse}, or a bad `attempt`, gives `undefined`.
 *
 * @example
 * const wait = retryDelay(err, attempt);
 * if (wait === undefined) throw err;
 * await new Promise((resolve) => setTimeout(resolve, wait));
 */
export function retryDelay(err: ErrorResponse, attempt: number, policy?: RetryPolicy): number | undefined {
  return delayFor(err, attempt, cleanPolicy(policy));
}

/** @internal {@link retryDelay} with a policy already checked (the retry loop checks it once). */
export function delayFor(err: ErrorResponse, attempt: unknown, policy: CleanPolicy): number | undefined {
  try {
    if (!isErrorResponse(err) || err.retryable !== true) return undefined;
    const server: unknown = err.retryAfterMs;
    // A class of its own may return anything here: only a number ≥ 0 is a delay (Infinity too,
    // which is above any cap and so gives up); the rest reads as "no delay named".
    const serverMs = typeof server === "number" && server >= 0 ? server : undefined;
    return decideDelay(true, err.isRateLimited === true, serverMs, attempt, policy);
  } catch {
    // A hostile getter on a subclass: no decision can be trusted, so do not retry.
    return undefined;
  }
}
