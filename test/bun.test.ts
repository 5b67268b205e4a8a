// Bun (the `bun` dev dependency; its binary comes inside the npm package): the packed package,
// installed into a fresh project, runs the shared vectors through both decoders inside Bun, and
// errors decoded there have stacks with frames that name the caller's file.
import { join } from "node:path";
import { root } from "./helpers/pack.js";
import { runtimeSuite } from "./runtimes/suite.js";

// --no-install: the package comes from the project's node_modules, never fetched.
runtimeSuite("bun", join(root, "node_modules", ".bin", "bun"), ["--no-install"]);
