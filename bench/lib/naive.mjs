// The naive decoder an app would write in ten lines: JSON.parse + Map + `class extends Error`.
// Standalone (only the errcode list), so its cold start is its own.
import { CODES } from "matrix-errors/codes";

class NaiveMatrixError extends Error {
  constructor(body, status) {
    super(typeof body.error === "string" ? body.error : "Unknown error");
    this.name = "MatrixError";
    this.errcode = body.errcode;
    this.status = status;
    this.body = body;
    const ms = body.retry_after_ms;
    this.retryAfterMs = typeof ms === "number" && ms >= 0 ? ms : undefined;
  }
}
const NAIVE = new Map(CODES.map((row) => [row.errcode, class extends NaiveMatrixError {}]));
const NOT_JSON = Object.freeze({ errcode: "M_UNKNOWN", error: "Not a Matrix error response" });

/** Naive decode of a body text with the status: reads `retry_after_ms` only, no headers, no aliases. */
export function naive(text, status) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return new NaiveMatrixError(NOT_JSON, status);
  }
  return naiveObject(body, status);
}

export function naiveObject(body, status) {
  if (typeof body !== "object" || body === null || typeof body.errcode !== "string") {
    return new NaiveMatrixError(NOT_JSON, status);
  }
  const Cls = NAIVE.get(body.errcode) ?? NaiveMatrixError;
  return new Cls(body, status);
}

/** The naive decoder with stack capture off around construction, as src/stack.ts does it. */
export function naiveNoStack(text, status) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return naive(text, status);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function naiveObjectNoStack(body, status) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return naiveObject(body, status);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
