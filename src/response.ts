/**
 * Reading a fetch `Response` body for `decodeResponse`: at most `maxBytes`, refused early by
 * `Content-Length`, a bounded number of reads, stopped by an abort. Never rejects.
 *
 * @module
 */
import { type Abortion, abortion, isAborted } from "./abort.js";
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

/**
 * Reads a body stream, stopping (and cancelling it) past `max` bytes, on an abort, or on a bad
 * chunk. Ends the abort's listener.
 */
async function readStream(
  stream: ReadableStream<unknown>,
  max: number,
  init: ErrorInit,
  abort: Abortion | undefined,
): Promise<Read> {
  let reader: ReadableStreamDefaultReader<unknown> | undefined;
  const chunks: Uint8Array[] = [];
  let total = 0;
  let empty = 0;
  try {
    reader = stream.getReader();
    for (;;) {
      const next = reader.read();
      const { done, value } = abort === undefined ? await next : await Promise.race([next, abort.promise]);
      if (done) return outcome(init, concat(chunks, total));
      // Chunks of another realm, or of any byte view, are bytes too.
      const chunk = typeof value === "object" && value !== null ? bytesOf(value) : undefined;
      if (chunk === undefined) throw new TypeError("a body chunk is not bytes");
      const length = lengthOf(chunk);
      if (length === 0 && ++empty > MAX_EMPTY_READS) throw new TypeError("a body that never ends");
      chunks.push(chunk);
      total += length;
      if (total > max) {
        cancel(reader);
        return outcome(init, concat(chunks, total), "too_large");
      }
    }
  } catch {
    cancel(reader);
    return partial(init, chunks, total);
  } finally {
    abort?.done();
  }
}

/** Stops a reader, whatever its `cancel` does. */
function cancel(reader: ReadableStreamDefaultReader<unknown> | undefined): void {
  try {
    reader?.cancel().catch(() => {});
  } catch {
    // A reader whose cancel throws is left as it is.
  }
}

/** An unreadable body, with what was read of it when that can still be read (a detached chunk cannot). */
function partial(init: ErrorInit, chunks: Uint8Array[], total: number): Read {
  try {
    return outcome(init, concat(chunks, total), "unreadable");
  } catch {
    return outcome(init, NONE, "unreadable");
  }
}

/** Reads a body through `arrayBuffer()` (no stream to stop). Ends the abort's listener. */
async function readBuffer(r: ResponseLike, max: number, init: ErrorInit, abort: Abortion | undefined): Promise<Read> {
  try {
    const read = (r.arrayBuffer as () => Promise<ArrayBuffer>).call(r);
    const buffer = await (abort === undefined ? read : Promise.race([read, abort.promise]));
    const bytes = bytesOf(buffer as object);
    if (bytes === undefined) return outcome(init, NONE, "unreadable");
    return lengthOf(bytes) > max ? outcome(init, bytes, "too_large") : outcome(init, bytes);
  } catch {
    return outcome(init, NONE, "unreadable");
  } finally {
    abort?.done();
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
 * else `arrayBuffer()` (a Node `Readable` body, a polyfill). Never rejects. Not itself async: the
 * caller awaits the reader's own promise (an async layer in between costs every decode its ticks).
 */
export function readBody(res: unknown, opts: ErrorInit | undefined, signal: AbortSignal | undefined): Promise<Read> {
  let init = opts;
  // One listener for the whole read, removed when it ends: a long-lived signal collects none.
  let abort: Abortion | undefined;
  try {
    abort = signal === undefined || isAborted(signal) ? undefined : abortion(signal);
    const r = res as ResponseLike;
    if (typeof r !== "object" || r === null || typeof r.status !== "number" || typeof r.headers !== "object") {
      return settled(abort, outcome(init, NONE, "unreadable"));
    }
    // In the shape of `cleanInit`'s copies, ready for the decode (whose entry took the stack).
    const own: ErrorInit = {
      status: r.status,
      headers: r.headers,
      now: opts?.now,
      maxBytes: opts?.maxBytes,
      captureStack: false,
      cause: opts?.cause,
    };
    init = own;
    const max = maxBytesOf(opts?.maxBytes);
    if (r.bodyUsed === true || (signal !== undefined && isAborted(signal))) {
      return settled(abort, outcome(own, NONE, "unreadable"));
    }
    const stream = r.body as ReadableStream<unknown> | null | undefined;
    if (stream === null) return settled(abort, outcome(own, NONE));
    if (typeof stream === "object" && typeof (stream as ReadableStream).getReader === "function") {
      return readStream(stream, max, own, abort);
    }
    if (typeof r.arrayBuffer !== "function") return settled(abort, outcome(own, NONE, "unreadable"));
    // No stream to stop: what Content-Length declares over the limit is not read at all.
    if ((declaredLength(r.headers) ?? 0) > max) return settled(abort, outcome(own, NONE, "too_large"));
    return readBuffer(r, max, own, abort);
  } catch {
    return settled(abort, outcome(init, NONE, "unreadable"));
  }
}

/** A read that ended before any body was read: the abort's listener ends with it. */
function settled(abort: Abortion | undefined, read: Read): Promise<Read> {
  abort?.done();
  return Promise.resolve(read);
}
