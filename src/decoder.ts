/**
 * Decode orchestration, the same for every parser: init cleaned once, the front end, the
 * parser, the builder, under the stack policy. A body's path: `frontEnd` → `parser` → `build`.
 *
 * @module
 */

import { signalOf } from "./abort.js";
import { build, nonMatrix } from "./build.js";
import type { ErrorInit, ErrorResponse } from "./errors.js";
import { frontEnd, maxBytesOf } from "./input.js";
import { moveStack } from "./late-stack.js";
import { failure, type Parsed, type Parser } from "./parsed.js";
import { capturesStacks, registry as defaultRegistry, type Registry } from "./registry.js";
import { readBody } from "./response.js";
import { beginCapture, captureStackTrace, endCapture, pauseCapture, resumeCapture, withoutStack } from "./stack.js";
import type { DecodeInit, ResponseDecodeOptions } from "./types.js";

/** `decode` and `decodeResponse` over one parser and one registry's classes. */
export interface Decoder {
  /** As `decode`: a parsed object, a JSON string or UTF-8 bytes to an `ErrorResponse`. Never throws. */
  decode(input: unknown, init?: DecodeInit): ErrorResponse;
  /** As `decodeResponse`: reads a fetch `Response` (at most `maxBytes`) and decodes it. Never rejects. */
  decodeResponse(res: Response, options?: ResponseDecodeOptions): Promise<ErrorResponse>;
}

// Every public entry has the same few lines: it cleans the init, decodes, and captures the stack
// itself, with itself as the entry (see `captureStackTrace`): a helper in between would be a frame.
/** A decoder over `parser` with the classes of `registry` (default: the default registry). */
export function decoderOf(parser: Parser, registry: Registry = defaultRegistry): Decoder {
  const decode = (input: unknown, init?: DecodeInit): ErrorResponse => {
    const clean = cleanInit(init);
    const capture = wantsStack(clean, registry);
    const result = decodeWith(registry, parser, input, clean, capture);
    if (capture) {
      const begun = beginCapture();
      try {
        captureStackTrace(result, decode);
      } catch {
        // A frozen registered class keeps the stack it has.
      }
      endCapture(begun);
    }
    return result;
  };
  const decodeResponse = (res: Response, options?: ResponseDecodeOptions): Promise<ErrorResponse> => {
    const opts = cleanInit(options);
    const site = wantsStack(opts, registry) ? {} : undefined;
    if (site !== undefined) {
      const begun = beginCapture();
      captureStackTrace(site, decodeResponse);
      endCapture(begun);
    }
    return decodeResponseWith(registry, parser, res, options, opts, site);
  };
  return { decode, decodeResponse };
}

// Functions on the first decode's path are in parentheses: V8 then compiles them with the script
// instead of on their first call (which cost the first decode ~0.4 ms, for ~0.5 ms more import).
/**
 * The decode's own copy of the caller's init, read once: a getter that throws or a value of the
 * wrong type is ignored here, so nothing later can throw because of it.
 */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const cleanInit = (function cleanInit(init: unknown): ErrorInit | undefined {
  if (typeof init !== "object" || init === null) return undefined;
  try {
    const { status, headers, now, maxBytes, captureStack, cause } = init as DecodeInit;
    // One shape for every decode's init (`readBody` makes the same). No slot for the lazy body's
    // text: a computed key makes each copy cost more than the constructor's second shape does.
    return { status, headers, now, maxBytes, captureStack, cause };
  } catch {
    return undefined;
  }
});

/** Whether a decode with this (cleaned) init captures a stack: its `captureStack`, else the registry's. */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const wantsStack = (function wantsStack(init: ErrorInit | undefined, registry: Registry): boolean {
  return (init?.captureStack ?? capturesStacks(registry)) !== false;
});

/**
 * Decodes with `parser` and the classes of `registry`, with stack capture off; the entry then
 * captures the stack when `capture` is set. `init` is the entry's `cleanInit` copy. Never throws.
 */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const decodeWith = (function decodeWith(
  registry: Registry,
  parser: Parser,
  input: unknown,
  init: ErrorInit | undefined,
  capture: boolean,
): ErrorResponse {
  const paused = pauseCapture();
  try {
    let parsed: Parsed;
    try {
      parsed = frontEnd(input, maxBytesOf(init?.maxBytes), parser);
    } catch {
      // A getter, a Proxy trap or a detached buffer threw while the input was read.
      parsed = failure("unreadable", "");
    }
    return build(parsed, init, registry, capture);
  } catch {
    // Only a registered class that throws from a getter the builder reads gets here.
    return nonMatrix("unreadable", "", init);
  } finally {
    resumeCapture(paused);
  }
});

/**
 * Reads a `Response` and decodes its bytes with `parser`. Never rejects. `site` holds the stack
 * the entry captured before the first await (so it starts in the caller's code, not in the event
 * loop), or is `undefined` for none.
 */
export async function decodeResponseWith(
  registry: Registry,
  parser: Parser,
  res: Response,
  options: ResponseDecodeOptions | undefined,
  opts: ErrorInit | undefined,
  site: { stack?: string } | undefined,
): Promise<ErrorResponse> {
  const read = await readBody(res, opts, signalOf(options, "signal"));
  const init = read.init;
  const result =
    read.reason === undefined
      ? decodeWith(registry, parser, read.bytes, init, false)
      : withoutStack(() => nonMatrix(read.reason as "unreadable", read.raw, init));
  if (site !== undefined) moveStack(result, site);
  return result;
}
