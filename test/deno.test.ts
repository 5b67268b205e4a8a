// Deno (the `deno` dev dependency; its binary comes inside the npm package): the packed package,
// installed into a fresh project, runs the shared vectors through both decoders inside Deno, and
// errors decoded there have stacks that name the caller's file.
import { join } from "node:path";
import { root } from "./helpers/pack.js";
import { runtimeSuite } from "./runtimes/suite.js";

// Reads only (the package's decoder.wasm, the vectors): no network, environment or prompts.
runtimeSuite("deno", join(root, "node_modules", ".bin", "deno"), ["run", "--allow-read", "--no-prompt", "--no-remote"]);
