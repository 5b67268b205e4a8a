// The TypeScript decoder as the suites see it: the top-level functions of a build (this checkout's
// src/ by default, another build's for test/helpers/subject.ts), or a registry's own methods.

import type { Registry } from "../../src/index.js";
import * as src from "../../src/index.js";
import type { Decoder } from "./decoder.js";

type Api = Pick<typeof src, "decode" | "decodeResponse">;

/** A registry's `decode` and `decodeResponse`, in the suites' shape. */
export function registryDecoder(registry: Registry, label = "ts(custom registry)"): Decoder {
  return {
    label,
    decode: (input, init) => registry.decode(input, init),
    decodeResponse: (res, options) => registry.decodeResponse(res, options),
    withRegistry: (other) => registryDecoder(other, label),
  };
}

/** The top-level `decode` and `decodeResponse` of a build, in the suites' shape. */
export function tsDecoder(api: Api = src, label = "ts"): Decoder {
  return { label, decode: api.decode, decodeResponse: api.decodeResponse, withRegistry: (r) => registryDecoder(r) };
}
