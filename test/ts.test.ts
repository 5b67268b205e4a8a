// The decoding suites, run against the TypeScript decoder.
import { test } from "uvu";
import { decode, decodeResponse, type Registry } from "../src/index.js";
import type { Decoder } from "./helpers/decoder.js";
import { badInputSuite } from "./suites/bad-input.js";
import { registryMisuseSuite, registrySuite } from "./suites/registry.js";
import { responseSuite } from "./suites/response.js";
import { semanticsSuite } from "./suites/semantics.js";
import { vectorSuite } from "./suites/vectors.js";

function over(registry: Registry): Decoder {
  return {
    label: "ts(custom registry)",
    decode: (input, init) => registry.decode(input, init),
    decodeResponse: (res, options) => registry.decodeResponse(res, options),
    withRegistry: over,
  };
}

const ts: Decoder = { label: "ts", decode, decodeResponse, withRegistry: over };

vectorSuite(ts);
semanticsSuite(ts);
badInputSuite(ts);
responseSuite(ts);
registrySuite(ts);
registryMisuseSuite();

test.run();
