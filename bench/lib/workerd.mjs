// Inside workerd (Cloudflare's runtime, the root's `workerd` package): the bench Worker is bundled
// by esbuild with the Workers conditions, as wrangler does; its outgoing fetches go to a stub
// homeserver. Cold: a fresh `workerd test` process per sample (a fresh isolate), first decode of a
// stub 429 response. Warm: per-decode rounds of both decoders over the corpus.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { generate } from "./corpus.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = createRequire(new URL("../../package.json", import.meta.url));

const CONFIG = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "bench", worker = .bench), (name = "homeserver", worker = .homeserver) ],
);
const bench :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "decoder.wasm", wasm = embed "decoder.wasm"),
    (name = "corpus.json", json = embed "corpus.json"),
  ],
  bindings = [ (name = "HOMESERVER", service = "homeserver") ],
  compatibilityDate = "2025-09-01",
);
const homeserver :Workerd.Worker = (
  modules = [ (name = "homeserver.js", esModule = embed "homeserver.js") ],
  compatibilityDate = "2025-09-01",
);`;

// The stub homeserver: a rate-limited send, as Synapse answers it.
const HOMESERVER = `export default { fetch: () => new Response(
  JSON.stringify({ errcode: "M_LIMIT_EXCEEDED", error: "Too Many Requests", retry_after_ms: 3000 }),
  { status: 429, headers: { "content-type": "application/json", "retry-after": "3" } }) };`;

/** Runs the workerd part; returns `{ cold: { ts: [...], wasm: [...] }, warm }` or `{ error }`. */
export async function runWorkerd({ samples, rounds }) {
  let workerd;
  try {
    workerd = root("workerd").default;
  } catch (error) {
    return { error: `no workerd binary (${error.message})` };
  }
  const dir = mkdtempSync(join(tmpdir(), "matrix-errors-bench-workerd-"));
  try {
    const result = await build({
      entryPoints: [join(here, "workerd-worker.js")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      conditions: ["workerd", "worker", "browser"],
      external: ["./corpus.json"],
      // \`.wasm\` imports as wrangler treats them: a module of the Worker, named by the capnp.
      plugins: [
        {
          name: "wasm",
          setup: (b) => b.onResolve({ filter: /\.wasm$/ }, () => ({ path: "./decoder.wasm", external: true })),
        },
      ],
      define: { "globalThis.ROUNDS": String(rounds) },
      outfile: join(dir, "worker.js"),
      logLevel: "silent",
    });
    if (result.errors.length > 0) return { error: result.errors[0].text };
    copyFileSync(fileURLToPath(import.meta.resolve("matrix-errors/decoder.wasm")), join(dir, "decoder.wasm"));
    writeFileSync(join(dir, "corpus.json"), JSON.stringify(generate()));
    writeFileSync(join(dir, "homeserver.js"), HOMESERVER);
    writeFileSync(join(dir, "config.capnp"), CONFIG);
    const run = (filter) => {
      const res = spawnSync(workerd, ["test", "config.capnp", filter], {
        cwd: dir,
        encoding: "utf8",
        timeout: 120_000,
      });
      const line = res.stdout?.split("\n").find((l) => l.startsWith("BENCH "));
      if (!line)
        throw new Error(`workerd test ${filter}: ${(res.stderr || res.stdout || String(res.error)).slice(-400)}`);
      return JSON.parse(line.slice(line.indexOf(" ", 6) + 1));
    };
    const cold = { ts: [], wasm: [] };
    for (let i = 0; i < samples; i++) {
      cold.ts.push(run("bench:cold_ts"));
      cold.wasm.push(run("bench:cold_wasm"));
    }
    return {
      version: spawnSync(workerd, ["--version"], { encoding: "utf8" }).stdout.trim(),
      cold,
      warm: run("bench:warm"),
    };
  } catch (error) {
    return { error: String(error.message ?? error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
