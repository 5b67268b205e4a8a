/**
 * Turning stack capture off around error construction: most of what a decode costs.
 *
 * @module
 */

// `stackTraceLimit` is V8's (and JavaScriptCore's); elsewhere setting it is harmless.
const V8Error = Error as { stackTraceLimit?: number };

/** Runs `build` with V8's stack capture off (`Error.stackTraceLimit = 0`), and restores it. */
export function withoutStack<T>(build: () => T): T {
  const limit = V8Error.stackTraceLimit;
  V8Error.stackTraceLimit = 0;
  try {
    return build();
  } finally {
    V8Error.stackTraceLimit = limit;
  }
}

/** Runs `build` with stack capture on unless `captureStack` is `false`. */
export function withCapture<T>(captureStack: boolean | undefined, build: () => T): T {
  return captureStack === false ? withoutStack(build) : build();
}
