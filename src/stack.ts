/**
 * Turning stack capture off around error construction: most of what a decode costs.
 *
 * @module
 */

// `stackTraceLimit` is V8's (and JavaScriptCore's); elsewhere setting it is harmless.
const V8Error = Error as { stackTraceLimit?: number };

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
