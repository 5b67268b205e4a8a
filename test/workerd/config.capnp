# The workerd side of test/workerd.test.ts. The test bundles the example Worker and tests.js with
# esbuild (Workers conditions) next to this file, with decoder.wasm and vectors.json, then runs
# `workerd test` (every exported test() of the "tests" service) and, with serve.capnp,
# `workerd serve` (the example on 127.0.0.1).
using Workerd = import "/workerd/workerd.capnp";

# `workerd test config.capnp`: the tests, and the services they call.
const config :Workerd.Config = (
  services = [
    (name = "tests", worker = .tests),
    (name = "example", worker = .example),
    (name = "homeserver", worker = .homeserver),
  ],
);

# examples/worker as wrangler would deploy it: the bundle, and decoder.wasm as a compiled module.
# Its outgoing fetches (to HOMESERVER_URL) all go to the stub homeserver below.
const example :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "decoder.wasm", wasm = embed "decoder.wasm"),
  ],
  bindings = [ (name = "HOMESERVER_URL", text = "https://homeserver.test") ],
  globalOutbound = "homeserver",
  compatibilityDate = "2025-09-01",
);

const homeserver :Workerd.Worker = (
  modules = [ (name = "homeserver.js", esModule = embed "homeserver.js") ],
  compatibilityDate = "2025-09-01",
);

const tests :Workerd.Worker = (
  modules = [
    (name = "tests.js", esModule = embed "tests.js"),
    (name = "decoder.wasm", wasm = embed "decoder.wasm"),
    # The same file as plain bytes (an ArrayBuffer), to show that compiling it is refused.
    (name = "decoder.bin", data = embed "decoder.wasm"),
    (name = "vectors.json", json = embed "vectors.json"),
  ],
  bindings = [ (name = "EXAMPLE", service = "example") ],
  compatibilityDate = "2025-09-01",
);
