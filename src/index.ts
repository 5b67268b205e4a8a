/**
 * matrix-errors: every Matrix error response as a typed class, and back.
 *
 * @module
 */
export type { Body } from "./body.js";
export { CODES, type CodeSpec, type Errcode, type ErrcodeAlias, type FieldSpec } from "./codes.js";
export type { CreateOptions } from "./create.js";
export { CustomErrorResponse } from "./custom.js";
export { decode, decodeResponse } from "./decode.js";
export * from "./errors.gen.js";
export { type ErrorInit, ErrorResponse } from "./errors.js";
export { fromMatrixError } from "./from-matrix-error.js";
export { isErrcode, isErrorResponse } from "./guards.js";
export { type NonMatrixInit, type NonMatrixReason, NonMatrixResponse } from "./non-matrix.js";
export { PROXIES, type ProxyName } from "./proxy-signatures.js";
export { type ErrorResponseClass, Registry, type RegistryOptions, registry } from "./registry.js";
export { type RetryPolicy, retryDelay } from "./retry.js";
export { parseRetryAfter } from "./retry-after.js";
export type { DecodeInit, HeadersInput, ResponseDecodeOptions } from "./types.js";
export { type RetryOptions, withRetry } from "./with-retry.js";
