/**
 * Turning stack capture off around error construction: most of what a decode costs.
 *
 * @module
 */

// `stackTraceLimit` and `captureStackTrace` are V8's (and JavaScriptCore's); elsewhere setting the
// limit is harmless and the stack is captured by the constructor as usual.
const V8Error = Error as {
  stackTraceLimit?: number;
  captureStackTrace?: (target: object, entry?: (...args: never[]) => unknown) => void;
};

/**
 * Runs `build` without stack capture, then captures the stack of its result from `entry` on: the
 * trace starts at the caller's frame, not in the library's internals, and the frames the library
 * would have spent of `stackTraceLimit` go to the caller's code. Costs no more than a plain capture.
 */
export function buildWithStackFrom<T extends object>(entry: (...args: never[]) => unknown, build: () => T): T {
  const capture = V8Error.captureStackTrace;
  if (typeof capture !== "function") return build();
  const result = withoutStack(build);
  capture(result, entry);
  return result;
}

/**
 * Runs `build` with V8's stack capture off, and restores it. A limit that is not a number makes
 * V8 skip capture altogether (`stack` is then `undefined`); a limit of 0 still builds an empty
 * trace and costs twice as much per error.
 */
export function withoutStack<T>(build: () => T): T {
  const limit = stopStackCapture();
  try {
    return build();
  } finally {
    restoreStackCapture(limit);
  }
}

/** Turns stack capture off; give what it returns to {@link restoreStackCapture}. */
export function stopStackCapture(): number | undefined {
  const limit = V8Error.stackTraceLimit;
  V8Error.stackTraceLimit = undefined;
  return limit;
}

/** Puts the stack trace limit back as it was. */
export function restoreStackCapture(limit: number | undefined): void {
  V8Error.stackTraceLimit = limit;
}

/** Runs `build` with stack capture on unless `captureStack` is `false`. */
export function withCapture<T>(captureStack: boolean | undefined, build: () => T): T {
  return captureStack === false ? withoutStack(build) : build();
}
