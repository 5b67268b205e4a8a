/**
 * The result for a body that is not a Matrix error at all.
 *
 * @module
 */
import { type Body, EMPTY } from "./body.js";
import { validStatus } from "./encode.js";
import { ErrorResponse, initOf } from "./errors.js";
import { named } from "./handoff.js";
import { proxyOf } from "./proxy.js";
import type { DecodeInit } from "./types.js";

/** Why a body is not a Matrix error. */
export type NonMatrixReason = "empty" | "not_json" | "not_object" | "missing_errcode" | "too_large" | "unreadable";

/** What {@link NonMatrixResponse} takes besides the reason. */
export interface NonMatrixInit extends DecodeInit {
  /** The body text, cut to 1 KiB. */
  raw?: string | undefined;
  /** The parsed body (for `missing_errcode`). */
  body?: Body | undefined;
}

const REASON_TEXT: Readonly<Record<NonMatrixReason, string>> = {
  empty: "the body is empty",
  not_json: "the body is not JSON",
  not_object: "the body is not a JSON object",
  missing_errcode: "the body has no string errcode",
  too_large: "the body is over the size limit",
  unreadable: "the body could not be read",
};

/** The brand of the class, so a registry of any copy refuses it as an errcode's class. */
export const NON_MATRIX: unique symbol = Symbol.for("matrix-errors.NonMatrixResponse") as never;

/**
 * A response whose body is not a Matrix error (HTML from a proxy, broken JSON, …).
 * `errcode` is `M_UNKNOWN`: the spec says to trust the HTTP status then.
 */
export class NonMatrixResponse extends ErrorResponse {
  declare readonly errcode: "M_UNKNOWN";
  /** Why the body is not a Matrix error. */
  declare readonly reason: NonMatrixReason;
  /** The body text, at most 1 KiB. */
  declare readonly raw: string;

  constructor(reason: NonMatrixReason, init?: NonMatrixInit) {
    const known = typeof reason === "string" && Object.hasOwn(REASON_TEXT, reason);
    const body = reason === "missing_errcode" && init?.body !== undefined ? init.body : EMPTY;
    const status = validStatus(init?.status);
    const text = known ? REASON_TEXT[reason] : String(reason);
    super(body, {
      status: init?.status,
      headers: init?.headers,
      now: init?.now,
      cause: init?.cause,
      errcode: "M_UNKNOWN",
      message: `Not a Matrix error response: ${text}${status === undefined ? "" : ` (HTTP ${status})`}`,
    });
    this.reason = reason;
    this.raw = typeof init?.raw === "string" ? init.raw : "";
  }

  /** Who answered instead of the Matrix server (`"cloudflare"`, `"nginx"`, …), when the response says. */
  get proxy(): string | undefined {
    return proxyOf(initOf(this)?.headers, this.raw);
  }

  override toJSON(): Record<string, unknown> {
    return { errcode: "M_UNKNOWN", error: this.message };
  }

  protected override defaultStatus(): number {
    // Something upstream answered with what is not a Matrix error: a gateway problem.
    return 502;
  }
}
Object.defineProperty(NonMatrixResponse.prototype, NON_MATRIX, { value: true });
named(NonMatrixResponse, "NonMatrixResponse");
