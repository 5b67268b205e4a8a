/**
 * The retry loop around a request: decode what failed, ask {@link retryDelay}, wait, send again.
 * Web APIs only (`setTimeout`, `AbortSignal`), so it runs in Workers and browsers as in Node.
 *
 * @module
 */
import { isAbortError, isAborted, reasonOf, signalOf, Waiter } from "./abort.js";
import { decodeResponse } from "./decode.js";
import type { ErrorResponse } from "./errors.js";
import type { Registry } from "./registry.js";
import { type CleanPolicy, cleanPolicy, decideDelay, delayFor, type RetryPolicy } from "./retry.js";

/** What {@link withRetry} takes: the {@link RetryPolicy}, and how to abort, observe and decode. */
export interface RetryOptions extends RetryPolicy {
  /** Aborting it ends a wait at once, and the loop rejects with `signal.reason`. Pass it to `fetch` too. */
  signal?: AbortSignal | undefined;
  /**
   * Called before each wait with what failed (the decoded {@link ErrorResponse}, or what `send`
   * threw), the delay and the number of the attempt that failed. If it throws, the loop stops and
   * rejects with what it threw.
   */
  onRetry?: ((error: unknown, delayMs: number, attempt: number) => void) | undefined;
  /** The registry that decodes failed responses (default: the default registry). */
  registry?: Registry | undefined;
  /** Passed to `decodeResponse`: the body size limit (default 65,536). */
  maxBytes?: number | undefined;
  /** Passed to `decodeResponse`: capture stack traces of decoded errors (default `true`). */
  captureStack?: boolean | undefined;
}

type Send = (attempt: number) => Promise<Response>;
type Decoder = (res: Response, options: { maxBytes?: number; captureStack?: boolean }) => Promise<ErrorResponse>;

interface Loop {
  readonly policy: CleanPolicy;
  readonly signal: AbortSignal | undefined;
  readonly onRetry: RetryOptions["onRetry"];
  readonly decode: Decoder;
  readonly decodeOptions: { maxBytes?: number; captureStack?: boolean };
}

function read(from: object, key: string): unknown {
  try {
    return (from as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

// Read once per call, checked: a bad option is its default, a throwing getter reads as absent.
function loopOf(options: unknown): Loop {
  const given = typeof options === "object" && options !== null ? options : {};
  const signal = read(given, "signal");
  const onRetry = read(given, "onRetry");
  const registry = read(given, "registry");
  const maxBytes = read(given, "maxBytes");
  const captureStack = read(given, "captureStack");
  let decode: Decoder = decodeResponse;
  if (typeof registry === "object" && registry !== null) {
    const method = read(registry, "decodeResponse");
    if (typeof method === "function") decode = (res, o) => method.call(registry, res, o);
  }
  const decodeOptions: { maxBytes?: number; captureStack?: boolean } = {};
  if (typeof maxBytes === "number") decodeOptions.maxBytes = maxBytes;
  if (typeof captureStack === "boolean") decodeOptions.captureStack = captureStack;
  return {
    policy: cleanPolicy(given),
    signal: signalOf(signal),
    onRetry: typeof onRetry === "function" ? (onRetry as RetryOptions["onRetry"]) : undefined,
    decode,
    decodeOptions,
  };
}

// Whatever of a body is left unread is cancelled, so the connection goes back to the pool.
function discard(res: unknown): void {
  try {
    const r = res as Response;
    const body = r.body;
    if (body !== null && body !== undefined && r.bodyUsed !== true && body.locked !== true) {
      body.cancel().catch(() => {});
    }
  } catch {
    // Not a Response, or one whose getters throw: nothing of ours to release.
  }
}

/**
 * Sends a request until it succeeds or {@link retryDelay} says to stop. `send(attempt)` is called
 * with 1, 2, …; an `ok` response is returned as it is. A failed response is decoded (its body read
 * or cancelled, never leaked); a retryable one waits and sends again, a final one **rejects with
 * the decoded {@link ErrorResponse}**. A `send` that throws is a network failure, retried like a
 * transient error with no server delay, except an abort (`signal` aborted, or an `AbortError`),
 * which rejects at once. Never sends more than `maxAttempts` times.
 *
 * @example
 * const res = await withRetry(() => fetch(url, { headers, signal }), { signal });
 */
export async function withRetry(send: Send, options?: RetryOptions): Promise<Response> {
  if (typeof send !== "function") throw new TypeError("withRetry: send must be a function returning a Response");
  const loop = loopOf(options);
  const { signal, policy } = loop;
  let waiter: Waiter | undefined;
  for (let attempt = 1; ; attempt++) {
    if (signal !== undefined && isAborted(signal)) throw reasonOf(signal);
    let failure: unknown;
    let delay: number | undefined;
    let res: Response | undefined;
    let threw = false;
    try {
      res = await send(attempt);
    } catch (thrown) {
      if (signal !== undefined && isAborted(signal)) throw reasonOf(signal);
      if (isAbortError(thrown)) throw thrown;
      threw = true;
      failure = thrown;
      // A network failure: retryable, no server delay, not a rate limit.
      delay = decideDelay(true, false, undefined, attempt, policy);
      if (delay === undefined) throw thrown;
    }
    if (!threw) {
      if (signal !== undefined && isAborted(signal)) {
        // Aborted while `send` ran, and it answered anyway: release the body, then stop.
        discard(res);
        throw reasonOf(signal);
      }
      if (isOk(res)) return res as Response;
      let err: ErrorResponse;
      try {
        err = await loop.decode(res as Response, loop.decodeOptions);
      } catch {
        // A registry of one's own whose decodeResponse throws: the default one never rejects.
        err = await decodeResponse(res as Response, loop.decodeOptions);
      }
      discard(res);
      failure = err;
      delay = delayFor(err, attempt, policy);
      if (delay === undefined) throw err;
    }
    // Set on every path that reaches here.
    const ms = delay as number;
    loop.onRetry?.(failure, ms, attempt);
    waiter ??= new Waiter(signal);
    await waiter.wait(ms);
  }
}

function isOk(res: unknown): boolean {
  try {
    return typeof res === "object" && res !== null && (res as Response).ok === true;
  } catch {
    return false;
  }
}
