// What a suite needs of a decoder: the TS one and the WASM one both fit.
import type { DecodeInit, ErrorResponse, Registry, ResponseDecodeOptions } from "../../src/index.js";

export interface Decoder {
  /** Shown in test names. */
  readonly label: string;
  decode(input: unknown, init?: DecodeInit): ErrorResponse;
  decodeResponse(res: Response, options?: ResponseDecodeOptions): Promise<ErrorResponse>;
  /** A decoder of the same kind over another registry. */
  withRegistry(registry: Registry): Decoder | Promise<Decoder>;
}
