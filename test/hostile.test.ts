// Hostile input against the TS decoder (the WASM runner adds the same suite).
import { test } from "uvu";
import { tsDecoder } from "./helpers/ts.js";
import { hostileSuite } from "./suites/hostile.js";

hostileSuite(tsDecoder());

test.run();
