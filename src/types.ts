/**
 * The options every decoder takes.
 *
 * @module
 */

/** Response headers in any of the forms `fetch` users hold them. Names are case-insensitive. */
export type HeadersInput = Headers | Record<string, string> | [string, string][];

/** What a decoder knows about the response besides its body. Bad values are ignored, never thrown. */
export interface DecodeInit {
  /** The HTTP status of the response. */
  status?: number;
  /** The response headers; only `Retry-After` is read. */
  headers?: HeadersInput;
  /** The clock for an HTTP-date `Retry-After`, in ms since the epoch; default `Date.now()`. */
  now?: number;
  /** Bodies longer than this (bytes for bytes, `length` for strings) are not parsed; default 65,536. */
  maxBytes?: number;
  /**
   * Capture a stack trace for the error (default `true`). Stack capture is most of the cost of
   * a decode; turn it off where errors are decoded in a hot path and never thrown.
   */
  captureStack?: boolean;
}

/** What `decodeResponse` takes: the status and headers come from the response itself. */
export type ResponseDecodeOptions = Omit<DecodeInit, "status" | "headers">;
