/**
 * The top-level decoders, on the default registry.
 *
 * @module
 */
import { decoderOf } from "./decoder.js";
import type { ErrorResponse } from "./errors.js";
import { jsonParser } from "./parse.js";
import { registry } from "./registry.js";
import type { DecodeInit, ResponseDecodeOptions } from "./types.js";

const top = decoderOf(jsonParser, registry);

/**
 * Decodes a Matrix error body (a parsed object, a JSON string or UTF-8 bytes) into an
 * {@link ErrorResponse} subclass. Never throws: a body that is not a Matrix error gives a
 * `NonMatrixResponse` with the reason.
 *
 * @example
 * const err = decode(await res.text(), { status: res.status, headers: res.headers });
 * if (err instanceof LimitExceeded) await sleep(err.retryAfterMs ?? 1000);
 */
export const decode: (input: unknown, init?: DecodeInit) => ErrorResponse = top.decode;

/**
 * Reads a fetch `Response` (at most `maxBytes`, default 64 KiB) and decodes it with its status and
 * headers. Never rejects.
 */
export const decodeResponse: (res: Response, options?: ResponseDecodeOptions) => Promise<ErrorResponse> =
  top.decodeResponse;
