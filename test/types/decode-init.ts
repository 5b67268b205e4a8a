// Compile-only type tests (tsc in npm test; never run): the options of decode, decodeResponse and
// fromMatrixError take what SDKs and Node hold, optional values included, under
// exactOptionalPropertyTypes (0.1 failed here with TS2379).
import type { IncomingHttpHeaders } from "node:http";
import type { MatrixError } from "matrix-js-sdk";
import {
  type DecodeInit,
  decode,
  decodeResponse,
  type ErrorResponse,
  fromMatrixError,
  type HeadersInput,
  Registry,
  type ResponseDecodeOptions,
} from "../../src/index.js";
import { type Equal, expectType } from "./expect.js";

// matrix-js-sdk's own MatrixError: httpStatus is `number | undefined`, httpHeaders `Headers | undefined`.
declare const sdkError: MatrixError;
const fromSdk = decode(sdkError.data, { status: sdkError.httpStatus, headers: sdkError.httpHeaders });
expectType<Equal<typeof fromSdk, ErrorResponse>>(true);

// The same shapes, spelled out (no SDK types needed).
declare const err: { data: unknown; httpStatus: number | undefined; httpHeaders: Headers | undefined };
decode(err.data, { status: err.httpStatus, headers: err.httpHeaders });
decode(err.data, { status: undefined, headers: undefined, now: undefined, maxBytes: undefined });
new Registry().decode(err.data, { status: err.httpStatus, headers: err.httpHeaders, captureStack: undefined });

// Node's IncomingHttpHeaders (values string | string[] | undefined) is a HeadersInput.
declare const incoming: IncomingHttpHeaders;
decode("{}", { status: 429, headers: incoming });
const asInput: HeadersInput = incoming;
// Every other form users hold: a Headers, a record, pairs (mutable and readonly).
const forms: HeadersInput[] = [
  new Headers(),
  { "retry-after": "1" },
  { "set-cookie": ["a=1", "b=2"], age: undefined },
  [["Retry-After", "1"]],
  [["Retry-After", "1"]] as const,
];
// @ts-expect-error a header value is a string (or Node's string[]), not a number
decode("{}", { headers: { "retry-after": 1 } });
// @ts-expect-error status is a number
decode("{}", { status: "429" });

// DecodeInit.cause is anything, and reaches the result's cause.
const init: DecodeInit = { cause: new Error("from the SDK"), status: 502 };
decode("<html>", init);
decode("<html>", { cause: "a string is a cause too" });
// @ts-expect-error an unknown option name
decode("{}", { statusCode: 429 });

// fromMatrixError takes anything thrown, and options that may be undefined.
declare const thrown: unknown;
const adapted = fromMatrixError(thrown);
expectType<Equal<typeof adapted, ErrorResponse>>(true);
fromMatrixError(thrown, { status: err.httpStatus, headers: err.httpHeaders, cause: undefined });
fromMatrixError(sdkError);

// decodeResponse takes a signal (and no status or headers: those come from the response).
export async function responses(res: Response, signal: AbortSignal, maybeSignal: AbortSignal | undefined) {
  const decoded = await decodeResponse(res, { signal });
  expectType<Equal<typeof decoded, ErrorResponse>>(true);
  await decodeResponse(res, { signal: maybeSignal, maxBytes: undefined, captureStack: false });
  await decodeResponse(res, { signal: AbortSignal.timeout(5000), cause: thrown });
  await new Registry().decodeResponse(res, { signal });
  const options: ResponseDecodeOptions = { signal };
  await decodeResponse(res, options);
  // @ts-expect-error the status comes from the response
  await decodeResponse(res, { status: 429 });
  // @ts-expect-error a signal is an AbortSignal
  await decodeResponse(res, { signal: true });
}

export { asInput, forms };
