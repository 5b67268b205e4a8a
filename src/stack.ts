/**
 * Stack policy: capture off while an error is built (most of what a decode costs), then the stack
 * captured from the public entry, so it starts in the caller's code. Never throws: where
 * `Error.stackTraceLimit` cannot be written (frozen intrinsics, SES lockdown) errors keep the
 * stacks their constructors capture, and a result that refuses a stack (a frozen instance) keeps
 * whatever it has.
 *
 * @module
 */

// `stackTraceLimit` and `captureStackTrace` are V8's (and JavaScriptCore's); elsewhere errors
// capture their stacks in the constructor as usual.
const V8Error = Error as {
  stackTraceLimit?: unknown;
  captureStackTrace?: (target: object, entry?: (...args: never[]) => unknown) => void;
};

type Entry = (...args: never[]) => unknown;

// Nesting of `withoutStack`: a decode inside a registered constructor must not restore the limit
// early, and captures with the caller's limit, not with capture turned off.
let depth = 0;
let callerLimit: unknown;

function setLimit(limit: unknown): boolean {
  try {
    V8Error.stackTraceLimit = limit;
    return V8Error.stackTraceLimit === limit;
  } catch {
    return false;
  }
}

/**
 * Runs `build` with stack capture off, and restores it. A limit that is not a number makes V8
 * skip capture altogether (`stack` is then `undefined`); a limit of 0 still builds an empty
 * trace and costs twice as much per error.
 */
export function withoutStack<T>(build: () => T): T {
  if (depth === 0) {
    const limit = V8Error.stackTraceLimit;
    if (!setLimit(undefined)) return build();
    callerLimit = limit;
  }
  depth++;
  try {
    return build();
  } finally {
    if (--depth === 0) setLimit(callerLimit);
  }
}

/** Runs `build` with the caller's stack trace limit, also inside {@link withoutStack}. */
export function withStack<T>(build: () => T): T {
  if (depth === 0 || !setLimit(callerLimit)) return build();
  try {
    return build();
  } finally {
    setLimit(undefined);
  }
}

// Whether `captureStackTrace` finds an entry deeper than its direct caller (V8 does;
// JavaScriptCore, in Bun, finds only the direct caller and else leaves no frames at all).
let deepEntry: boolean | undefined;

function probeDeepEntry(capture: NonNullable<typeof V8Error.captureStackTrace>): boolean {
  const target: { stack?: unknown } = {};
  const outer = (): void => inner();
  const inner = (): void => capture(target, outer);
  try {
    outer();
    return typeof target.stack === "string" && target.stack.includes("\n");
  } catch {
    return false;
  }
}

/** Captures the stack of `target` from `entry` on (the public function the caller called). */
export function captureFrom(target: object, entry: Entry): void {
  const capture = V8Error.captureStackTrace;
  if (typeof capture !== "function") return;
  withStack(() => {
    try {
      deepEntry ??= probeDeepEntry(capture);
      // Where the entry cannot be found, the stack starts in the library, but it has frames.
      if (deepEntry) capture(target, entry);
      else capture(target);
    } catch {
      // A frozen or sealed instance: it keeps the stack its constructor gave it.
    }
  });
}

/**
 * Builds with the stack policy of a decode: with capture on, built without a stack and captured
 * from `entry`; with capture off, built without a stack.
 */
export function buildWithPolicy<T extends object>(capture: boolean, entry: Entry, build: () => T): T {
  const result = withoutStack(build);
  if (capture) captureFrom(result, entry);
  return result;
}
