// Hostile input against the TS decoder (the WASM runner adds the same suite).
import { test } from "uvu";
import { decode, decodeResponse, type Registry } from "../src/index.js";
import type { Decoder } from "./helpers/decoder.js";
import { hostileSuite } from "./suites/hostile.js";

function over(registry: Registry): Decoder {
  return {
    label: "ts",
    decode: (i, n) => registry.decode(i, n),
    decodeResponse: (r, o) => registry.decodeResponse(r, o),
    withRegistry: over,
  };
}

hostileSuite({ label: "ts", decode, decodeResponse, withRegistry: over });

test.run();
