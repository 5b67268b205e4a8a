/**
 * Aborts and waits, web APIs only (Workers, browsers, Node): any `AbortSignal` of this realm or
 * another (duck-typed), read without throwing; the waits of `withRetry`; the abort of a body read.
 *
 * @module
 */

// The longest delay setTimeout holds (a signed 32-bit number of ms).
const MAX_TIMER_MS = 2_147_483_647;
const ONCE: AddEventListenerOptions = Object.freeze({ once: true });

/**
 * An `AbortSignal` (or anything with its shape), else `undefined`: `value` itself, or its property
 * `key` when one is named (an options object's `signal`). Never throws.
 */
export function signalOf(value: unknown, key?: string): AbortSignal | undefined {
  try {
    const signal =
      key === undefined || typeof value !== "object" || value === null
        ? value
        : (value as Record<string, unknown>)[key];
    return isSignal(signal) ? signal : undefined;
  } catch {
    return undefined;
  }
}

function isSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AbortSignal).addEventListener === "function" &&
    typeof (value as AbortSignal).removeEventListener === "function"
  );
}

/** Whether a signal has aborted. Never throws. */
export function isAborted(signal: AbortSignal | undefined): boolean {
  try {
    return signal !== undefined && signal.aborted === true;
  } catch {
    return false;
  }
}

/** Why a signal aborted (what its `reason` getter throws, if it throws). */
export function reasonOf(signal: AbortSignal): unknown {
  try {
    return signal.reason;
  } catch (thrown) {
    return thrown;
  }
}

/** Whether a value is an abort (an error named `AbortError`). Never throws. */
export function isAbortError(value: unknown): boolean {
  try {
    return typeof value === "object" && value !== null && (value as { name?: unknown }).name === "AbortError";
  } catch {
    return false;
  }
}

/** What {@link abortion} gives: the promise, and `done()` to stop listening once it is not needed. */
export interface Abortion {
  readonly promise: Promise<never>;
  done(): void;
}

/**
 * A promise that rejects with the signal's reason when it aborts (at once if it has). Call
 * `done()` when the work it guards is over: a long-lived signal must not collect listeners.
 */
export function abortion(signal: AbortSignal): Abortion {
  let listener: (() => void) | undefined;
  const promise = new Promise<never>((_, reject) => {
    if (isAborted(signal)) return reject(reasonOf(signal));
    listener = () => reject(reasonOf(signal));
    signal.addEventListener("abort", listener, ONCE);
  });
  // Nobody may ever await it: an abort after the read is no unhandled rejection.
  promise.catch(() => {});
  return {
    promise,
    done: () => {
      if (listener !== undefined) signal.removeEventListener("abort", listener);
    },
  };
}

/**
 * The waits of one `withRetry` call. Its handlers are made once per call, not per wait: a wait
 * costs its promise, one timer and one abort listener (the same function each time).
 */
export class Waiter {
  #left = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #resolve: (() => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => {
    clearTimeout(this.#timer);
    this.#reject?.(reasonOf(this.#signal as AbortSignal));
  };
  readonly #arm = (): void => {
    if (this.#left <= 0) {
      this.#signal?.removeEventListener("abort", this.#onAbort);
      this.#resolve?.();
      return;
    }
    // setTimeout holds a signed 32-bit delay: a longer wait is done in steps.
    const step = Math.min(this.#left, MAX_TIMER_MS);
    this.#left -= step;
    this.#timer = setTimeout(this.#arm, step);
  };
  readonly #start = (resolve: () => void, reject: (reason: unknown) => void): void => {
    const signal = this.#signal;
    if (signal !== undefined && isAborted(signal)) {
      reject(reasonOf(signal));
      return;
    }
    this.#resolve = resolve;
    this.#reject = reject;
    signal?.addEventListener("abort", this.#onAbort, ONCE);
    // Armed even for 0 ms (the first step is never skipped): a zero wait still yields once.
    const step = Math.min(this.#left, MAX_TIMER_MS);
    this.#left -= step;
    this.#timer = setTimeout(this.#arm, step);
  };

  constructor(signal: AbortSignal | undefined) {
    this.#signal = signal;
  }

  wait(ms: number): Promise<void> {
    this.#left = ms;
    return new Promise<void>(this.#start);
  }
}
