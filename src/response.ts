/**
 * Reading a fetch `Response` body with a size limit, for `decodeResponse`.
 *
 * @module
 */
import type { ErrorResponse, NonMatrixReason } from "./errors.js";
import { cleanInit, headOfBytes, maxBytesOf, nonMatrix, safeNonMatrix } from "./input.js";
import { withCapture } from "./stack.js";
import type { DecodeInit, ResponseDecodeOptions } from "./types.js";

type Decode = (input: unknown, init: DecodeInit | undefined) => ErrorResponse;

/** The parts of a `Response` that are read; any object that has them works (another realm, a polyfill). */
interface ResponseLike {
  status: number;
  headers: Headers;
  bodyUsed?: boolean;
  body?: ReadableStream<Uint8Array> | null;
  arrayBuffer?: () => Promise<ArrayBuffer>;
}

function isResponseLike(value: unknown): value is ResponseLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ResponseLike).status === "number" &&
    typeof (value as ResponseLike).headers === "object"
  );
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

type ReadResult = { bytes: Uint8Array } | { reason: "too_large" | "unreadable"; bytes: Uint8Array };

/** Reads a body stream, stopping (and cancelling the stream) once it passes `max` bytes. */
async function readLimited(stream: ReadableStream<Uint8Array>, max: number): Promise<ReadResult> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: concat(chunks, total) };
      if (!(value instanceof Uint8Array)) throw new TypeError("a body chunk is not a Uint8Array");
      chunks.push(value);
      total += value.byteLength;
      if (total > max) {
        reader.cancel().catch(() => {});
        return { reason: "too_large", bytes: concat(chunks, total) };
      }
    }
  } catch {
    reader.cancel().catch(() => {});
    return { reason: "unreadable", bytes: concat(chunks, total) };
  }
}

/**
 * Decodes a `Response` with a decoder of bytes. Never rejects: a used body, a stream that errors
 * or an argument that is not a response gives a `NonMatrixResponse` with reason `unreadable`.
 */
export async function decodeResponseWith(
  res: Response,
  options: ResponseDecodeOptions | undefined,
  decode: Decode,
): Promise<ErrorResponse> {
  const opts = cleanInit(options);
  let init: DecodeInit | undefined = opts;
  try {
    if (!isResponseLike(res)) return failed("unreadable", new Uint8Array(0), opts);
    init = {
      status: res.status,
      headers: res.headers,
      now: opts?.now,
      maxBytes: opts?.maxBytes,
      captureStack: opts?.captureStack,
    };
    if (res.bodyUsed === true) return failed("unreadable", new Uint8Array(0), init);
    const stream = res.body;
    let read: ReadResult;
    if (stream === null) read = { bytes: new Uint8Array(0) };
    else if (stream !== undefined) read = await readLimited(stream, maxBytesOf(init));
    else if (typeof res.arrayBuffer === "function") read = { bytes: new Uint8Array(await res.arrayBuffer()) };
    else return failed("unreadable", new Uint8Array(0), init);
    if ("reason" in read) return failed(read.reason, read.bytes, init);
    return decode(read.bytes, init);
  } catch {
    return failed("unreadable", new Uint8Array(0), init);
  }
}

function failed(reason: NonMatrixReason, bytes: Uint8Array, init: DecodeInit | undefined): ErrorResponse {
  return withCapture(init?.captureStack, () => {
    try {
      return nonMatrix(reason, headOfBytes(bytes), init);
    } catch {
      return safeNonMatrix(reason, init);
    }
  });
}
