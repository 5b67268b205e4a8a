/**
 * The top-level decoders, on the default registry.
 *
 * @module
 */
import { cleanInit, decodeResponseWith, decodeWith, wantsStack } from "./decoder.js";
import type { ErrorResponse } from "./errors.js";
import { jsonParser } from "./parse.js";
import { registry } from "./registry.js";
import { beginCapture, captureStackTrace, endCapture } from "./stack.js";
import type { DecodeInit, ResponseDecodeOptions } from "./types.js";

// The lines of `decoderOf`'s entries, in functions of their own: closures of one literal share
// their optimised code, which would make every decoder's calls polymorphic once two are in use.

/**
 * Decodes a Matrix error body (a parsed object, a JSON string or UTF-8 bytes) into an
 * {@link ErrorResponse} subclass. Never throws: a body that is not a Matrix error gives a
 * `NonMatrixResponse` with the reason.
 *
 * @example
 * const err = decode(await res.text(), { status: res.status, headers: res.headers });
 * if (err instanceof LimitExceeded) await sleep(err.retryAfterMs ?? 1000);
 */
// biome-ignore format: the parentheses make V8 compile it with the script.
export const decode = (function decode(input: unknown, init?: DecodeInit): ErrorResponse {
  const clean = cleanInit(init);
  const capture = wantsStack(clean, registry);
  const result = decodeWith(registry, jsonParser, input, clean, capture);
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
});

/**
 * Reads a fetch `Response` (at most `maxBytes`, default 64 KiB) and decodes it with its status and
 * headers. Never rejects.
 */
export function decodeResponse(res: Response, options?: ResponseDecodeOptions): Promise<ErrorResponse> {
  const opts = cleanInit(options);
  const site = wantsStack(opts, registry) ? {} : undefined;
  if (site !== undefined) {
    const begun = beginCapture();
    captureStackTrace(site, decodeResponse);
    endCapture(begun);
  }
  return decodeResponseWith(registry, jsonParser, res, options, opts, site);
}
