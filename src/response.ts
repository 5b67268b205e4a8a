/**
 * Reading a fetch `Response` body for `decodeResponse`: at most `maxBytes`, refused early by
 * `Content-Length`, a bounded number of reads, stopped by an abort. Never rejects.
 *
 * @module
 */
import { abortion, isAborted } from "./abort.js";
import type { ErrorInit } from "./errors.js";
import { bytesOf, headOfBytes, lengthOf, maxBytesOf } from "./input.js";
import type { NonMatrixReason } from "./non-matrix.js";

/** What was read: the bytes, or why they are not a body, and the init of the decode. */
export interface Read {
  readonly init: ErrorInit | undefined;
  readonly bytes: Uint8Array;
  readonly reason: Extract<NonMatrixReason, "too_large" | "unreadable"> | undefined;
  readonly raw: string;
}

// A stream that keeps answering empty chunks would never reach the limit: after this many reads
// that bring nothing, the body is unreadable.
const MAX_EMPTY_READS = 1024;
const NONE = new Uint8Array(0);

interface ResponseLike {
  status: number;
  headers: Headers;
  bodyUsed?: boolean;
  body?: unknown;
  arrayBuffer?: () => Promise<ArrayBuffer>;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += lengthOf(chunk);
  }
  return out;
}

/** Reads a body stream, stopping (and cancelling it) past `max` bytes, on an abort, or on a bad chunk. */
async function readStream(
  stream: ReadableStream<unknown>,
  max: number,
  abort: Promise<never> | undefined,
): Promise<{ bytes: Uint8Array; reason?: "too_large" | "unreadable" }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let empty = 0;
  try {
    for (;;) {
      const next = reader.read();
      const { done, value } = abort === undefined ? await next : await Promise.race([next, abort]);
      if (done) return { bytes: concat(chunks, total) };
      // Chunks of another realm, or of any byte view, are bytes too.
      const chunk = typeof value === "object" && value !== null ? bytesOf(value) : undefined;
      if (chunk === undefined) throw new TypeError("a body chunk is not bytes");
      const length = lengthOf(chunk);
      if (length === 0 && ++empty > MAX_EMPTY_READS) throw new TypeError("a body that never ends");
      chunks.push(chunk);
      total += length;
      if (total > max) {
        reader.cancel().catch(() => {});
        return { bytes: concat(chunks, total), reason: "too_large" };
      }
    }
  } catch {
    reader.cancel().catch(() => {});
    return { bytes: concat(chunks, total), reason: "unreadable" };
  }
}

function declaredLength(headers: Headers): number | undefined {
  const value = typeof headers.get === "function" ? headers.get("content-length") : null;
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

function outcome(init: ErrorInit | undefined, bytes: Uint8Array, reason?: "too_large" | "unreadable"): Read {
  return { init, bytes, reason, raw: reason === undefined ? "" : headOfBytes(bytes, lengthOf(bytes)) };
}

/**
 * Reads the body of a `Response` (or any object with its shape, from any realm): a web stream,
 * else `arrayBuffer()` (a Node `Readable` body, a polyfill). Never rejects.
 */
export async function readBody(
  res: unknown,
  opts: ErrorInit | undefined,
  signal: AbortSignal | undefined,
): Promise<Read> {
  let init = opts;
  // One listener for the whole read, removed when it ends: a long-lived signal collects none.
  const abort = signal === undefined || isAborted(signal) ? undefined : abortion(signal);
  try {
    const r = res as ResponseLike;
    if (typeof r !== "object" || r === null || typeof r.status !== "number" || typeof r.headers !== "object") {
      return outcome(init, NONE, "unreadable");
    }
    init = { status: r.status, headers: r.headers, now: opts?.now, maxBytes: opts?.maxBytes, cause: opts?.cause };
    const max = maxBytesOf(opts?.maxBytes);
    if (r.bodyUsed === true || (signal !== undefined && isAborted(signal))) return outcome(init, NONE, "unreadable");
    const stream = r.body as ReadableStream<unknown> | null | undefined;
    if (stream === null) return outcome(init, NONE);
    if (typeof stream === "object" && typeof (stream as ReadableStream).getReader === "function") {
      const read = await readStream(stream, max, abort?.promise);
      return outcome(init, read.bytes, read.reason);
    }
    if (typeof r.arrayBuffer !== "function") return outcome(init, NONE, "unreadable");
    // No stream to stop: what Content-Length declares over the limit is not read at all.
    if ((declaredLength(r.headers) ?? 0) > max) return outcome(init, NONE, "too_large");
    const buffer = await (abort === undefined ? r.arrayBuffer() : Promise.race([r.arrayBuffer(), abort.promise]));
    const bytes = bytesOf(buffer as object);
    if (bytes === undefined) return outcome(init, NONE, "unreadable");
    return lengthOf(bytes) > max ? outcome(init, bytes, "too_large") : outcome(init, bytes);
  } catch {
    return outcome(init, NONE, "unreadable");
  } finally {
    abort?.done();
  }
}
