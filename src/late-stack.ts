/**
 * The stack of a `decodeResponse` result: captured at the call, before the first await (so it
 * starts in the caller's code, not in the event loop), and made under the result's own first line
 * when first read, as V8 makes a stack (formatting one costs more than the whole decode).
 *
 * @module
 */

/** @internal The object whose captured stack a result's `stack` is made from. */
export const SITE: unique symbol = Symbol("matrix-errors.site") as never;

interface Sited {
  [SITE]?: { stack?: unknown } | undefined;
  readonly name: string;
  readonly message: string;
}

// Where the engine keeps `stack` as an accessor of Error.prototype (SpiderMonkey), errors without a
// site of ours read it through that accessor, as they would without this one.
const inherited = Object.getOwnPropertyDescriptor(Error.prototype, "stack");

function settle(target: object, stack: unknown): void {
  try {
    Object.defineProperty(target, "stack", { value: stack, writable: true, configurable: true });
  } catch {
    // A frozen error: its stack is made again on the next read.
  }
}

/**
 * `stack` of ErrorResponse.prototype: seen only by errors with no stack of their own, which is
 * what a decode with capture off makes. One accessor for all: an accessor per error would give
 * every error a map of its own.
 */
export const lateStack: PropertyDescriptor = {
  get(this: Sited): unknown {
    const site = this[SITE];
    if (site === undefined) return inherited?.get?.call(this);
    const frames = site.stack;
    const at = typeof frames === "string" ? frames.indexOf("\n") : -1;
    const stack = `${this.name}: ${this.message}${at < 0 ? "" : (frames as string).slice(at)}`;
    settle(this, stack);
    return stack;
  },
  set(this: Sited, value: unknown): void {
    if (this[SITE] === undefined && inherited?.set !== undefined) inherited.set.call(this, value);
    else settle(this, value);
  },
  configurable: true,
};

/** Gives `result` the stack captured in `site`. Never throws: a frozen result keeps what it has. */
export function moveStack(result: object, site: { stack?: unknown }): void {
  try {
    // An engine that gave the result a stack of its own even with capture off (JavaScriptCore)
    // hides the prototype's accessor: the result gets one of its own.
    if (Object.hasOwn(result, "stack")) Object.defineProperty(result, "stack", { ...lateStack });
    (result as Sited)[SITE] = site;
  } catch {
    // A frozen registered class.
  }
}
