// The decoding suites, run against the TypeScript decoder.
import { test } from "uvu";
import { tsDecoder } from "./helpers/ts.js";
import { badInputSuite } from "./suites/bad-input.js";
import { registryMisuseSuite, registrySuite } from "./suites/registry.js";
import { responseSuite } from "./suites/response.js";
import { semanticsSuite } from "./suites/semantics.js";
import { vectorSuite } from "./suites/vectors.js";

const ts = tsDecoder();

vectorSuite(ts);
semanticsSuite(ts);
badInputSuite(ts);
responseSuite(ts);
registrySuite(ts);
registryMisuseSuite();

test.run();
