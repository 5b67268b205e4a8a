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

// Nesting of paused capture: a decode inside a registered constructor must not restore the limit
// early, and captures with the caller's limit, not with capture turned off.
let depth = 0;
let callerLimit: unknown;
// Whether the limit can be written at all: not under frozen intrinsics or SES (found once).
let writable: boolean | undefined;

function setLimit(limit: unknown): boolean {
  try {
    V8Error.stackTraceLimit = limit;
    return true;
  } catch {
    return false;
  }
}

function probeWritable(): boolean {
  const limit = V8Error.stackTraceLimit;
  const ok = setLimit(undefined) && V8Error.stackTraceLimit === undefined;
  setLimit(limit);
  return ok;
}

/**
 * Turns stack capture off; give what it returns to {@link resumeCapture}. A limit that is not a
 * number makes V8 skip capture altogether (`stack` is then `undefined`); a limit of 0 still
 * builds an empty trace and costs twice as much per error.
 */
export function pauseCapture(): boolean {
  if (depth === 0) {
    writable ??= probeWritable();
    if (!writable) return false;
    callerLimit = V8Error.stackTraceLimit;
    setLimit(undefined);
  }
  depth++;
  return true;
}

/** Undoes {@link pauseCapture}: the outermost resume puts the caller's limit back. */
export function resumeCapture(paused: boolean): void {
  if (paused && --depth === 0) setLimit(callerLimit);
}

/** Runs `build` with stack capture off, and restores it. */
export function withoutStack<T>(build: () => T): T {
  const paused = pauseCapture();
  try {
    return build();
  } finally {
    resumeCapture(paused);
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

// Whether `captureStackTrace` finds an entry deeper than its direct caller. V8 does; JavaScriptCore
// (Bun, Safari) finds only the direct caller and else leaves no frames at all, so there the stack
// is captured without an entry. Told by the runtime, not probed: a probe reads a formatted stack,
// which costs the first decode ~0.1 ms.
let deepEntry: boolean | undefined;

function isJavaScriptCore(): boolean {
  const global = globalThis as { Bun?: unknown; navigator?: { userAgent?: unknown } };
  if (global.Bun !== undefined) return true;
  const agent = global.navigator?.userAgent;
  return typeof agent === "string" && /AppleWebKit/.test(agent) && !/Chrome|Chromium|Edg\//.test(agent);
}

/** Captures the stack of `target` from `entry` on (the public function the caller called). */
export function captureFrom(target: object, entry: Entry): void {
  const capture = V8Error.captureStackTrace;
  if (typeof capture !== "function") return;
  withStack(() => {
    try {
      deepEntry ??= !isJavaScriptCore();
      // Where the entry cannot be found, the stack starts in the library, but it has frames.
      if (deepEntry) capture(target, entry);
      else capture(target);
    } catch {
      // A frozen or sealed instance: it keeps the stack its constructor gave it.
    }
  });
}
