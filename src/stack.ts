/**
 * Stack policy: capture off while an error is built (most of what a decode costs), then the stack
 * captured by the public entry, so it starts in the caller's code. Never throws: where
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
// Whether the limit can be written at all, found once: 0 not yet known, 1 yes, 2 no (frozen
// intrinsics, SES). A small integer: optimised code tests it in one compare, where
// `boolean | undefined` took a generic truth test on every decode.
let writable = 0;

// biome-ignore format: the parentheses make V8 compile it with the script.
const setLimit = (function setLimit(limit: unknown): boolean {
  try {
    V8Error.stackTraceLimit = limit;
    return true;
  } catch {
    return false;
  }
});

// biome-ignore format: the parentheses make V8 compile it with the script.
const probeWritable = (function probeWritable(): boolean {
  const limit = V8Error.stackTraceLimit;
  const ok = setLimit(undefined) && V8Error.stackTraceLimit === undefined;
  setLimit(limit);
  return ok;
});

/**
 * Turns stack capture off; give what it returns to {@link resumeCapture}. A limit that is not a
 * number makes V8 skip capture altogether (`stack` is then `undefined`); a limit of 0 still
 * builds an empty trace and costs twice as much per error.
 */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const pauseCapture = (function pauseCapture(): boolean {
  if (depth === 0) {
    if (writable === 0) writable = probeWritable() ? 1 : 2;
    if (writable === 2) return false;
    callerLimit = V8Error.stackTraceLimit;
    setLimit(undefined);
  }
  depth++;
  return true;
});

/** Undoes {@link pauseCapture}: the outermost resume puts the caller's limit back. */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const resumeCapture = (function resumeCapture(paused: boolean): void {
  if (paused && --depth === 0) setLimit(callerLimit);
});

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

/**
 * `Error.captureStackTrace` where the runtime has it (V8, JavaScriptCore), else a no-op. Public
 * entries call it themselves, with themselves as the entry: each frame between the capture and
 * its entry costs ~5 % of a decode (V8 walks and summarises every one), and JavaScriptCore finds
 * an entry only when it is the direct caller.
 */
export const captureStackTrace: (target: object, entry: Entry) => void =
  typeof V8Error.captureStackTrace === "function" ? V8Error.captureStackTrace : () => {};

/**
 * Before an entry's capture: inside another decode (a registered constructor that decodes), the
 * caller's limit is put back so the capture has frames. Give what it returns to {@link endCapture}.
 */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const beginCapture = (function beginCapture(): boolean {
  return depth > 0 && setLimit(callerLimit);
});

/** After an entry's capture: capture off again where {@link beginCapture} turned it on. */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const endCapture = (function endCapture(begun: boolean): void {
  if (begun) setLimit(undefined);
});
