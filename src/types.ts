/**
 * The options every decoder takes.
 *
 * @module
 */

/**
 * Response headers in any of the forms `fetch` and Node users hold them: a web `Headers`, a plain
 * record (Node's `IncomingHttpHeaders` included: a `string[]` value is read as its first element),
 * or `[name, value]` pairs. Names are case-insensitive.
 */
export type HeadersInput =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | readonly (readonly [string, string])[]
  | [string, string][];

/** What a decoder knows about the response besides its body. Bad values are ignored, never thrown. */
export interface DecodeInit {
  /** The HTTP status of the response. */
  status?: number | undefined;
  /** The response headers; `Retry-After` is read, and proxy headers for a `NonMatrixResponse`. */
  headers?: HeadersInput | undefined;
  /** The clock for an HTTP-date `Retry-After`, in ms since the epoch; default `Date.now()`. */
  now?: number | undefined;
  /** Bodies longer than this (bytes for bytes, `length` for strings) are not parsed; default 65,536. */
  maxBytes?: number | undefined;
  /**
   * Capture a stack trace for the error (default `true`). Stack capture is most of the cost of
   * a decode; turn it off where errors are decoded in a hot path and never thrown.
   */
  captureStack?: boolean | undefined;
  /** The result's `cause`: the error this one was decoded from (an SDK's error, say). */
  cause?: unknown;
}

/** What `decodeResponse` takes: the status and headers come from the response itself. */
export interface ResponseDecodeOptions extends Omit<DecodeInit, "status" | "headers"> {
  /** Stops the read when aborted: the result is then a `NonMatrixResponse` with reason `unreadable`. */
  signal?: AbortSignal | undefined;
}
