/**
 * matrix-errors: every Matrix error response as a typed class, and back.
 *
 * @module
 */
export { CODES, type CodeSpec, type Errcode, type ErrcodeAlias, type FieldSpec } from "./codes.js";
export { decode, decodeResponse } from "./decode.js";
export * from "./errors.gen.js";
export {
  type Body,
  CustomErrorResponse,
  type ErrorInit,
  ErrorResponse,
  type NonMatrixInit,
  type NonMatrixReason,
  NonMatrixResponse,
} from "./errors.js";
export { isErrcode, isErrorResponse } from "./guards.js";
export { type ErrorResponseClass, Registry, type RegistryOptions, registry } from "./registry.js";
export { parseRetryAfter } from "./retry-after.js";
export type { DecodeInit, HeadersInput, ResponseDecodeOptions } from "./types.js";
