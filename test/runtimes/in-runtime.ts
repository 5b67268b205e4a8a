// Node side of test/runtimes/in-runtime.mjs: installs the packed package into a temp project,
// copies the in-runtime script and the shared vector checker beside it, runs the script under
// another runtime (Deno, Bun) and returns what it reported.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installInto, pack, root } from "../helpers/pack.js";
import { vectorsJson } from "../helpers/vectors.js";

/** What in-runtime.mjs printed. */
export interface RuntimeReport {
  runtime: string;
  version: string;
  /** The file `matrix-errors/wasm` resolved to, from `matrix-errors/` on. */
  loader: string;
  /** The script's own URL: the caller every decoded error's stack should name. */
  caller: string;
  cases: number;
  /** (case, input form, decoder) triples whose `expect` was checked. */
  checked: number;
  decodes: number;
  mismatches: string[];
  stacks: Record<string, { cls: string; stack: string }>;
}

/** The shared vectors file, by absolute path. */
/** Every vector case in one file (the shared and the project's own), written once per run. */
export const vectorsPath = join(mkdtempSync(join(tmpdir(), "matrix-errors-vectors-")), "vectors.json");
writeFileSync(vectorsPath, vectorsJson());

/**
 * Runs in-runtime.mjs with `command ...args in-runtime.mjs <vectors>` in a fresh project with the
 * packed package installed. Throws (with the runtime's output) when the binary is missing, the
 * runtime fails, or it reports nothing.
 */
export function runInRuntime(command: string, args: string[]): { report: RuntimeReport; ms: number } {
  if (!existsSync(command)) throw new Error(`no runtime binary at ${command} (a dev dependency): npm ci first`);
  const dir = mkdtempSync(join(tmpdir(), "matrix-errors-runtime-"));
  try {
    const app = join(dir, "app");
    installInto(app, pack(dir).tarball);
    for (const file of ["in-runtime.mjs", "check-vectors.mjs"]) {
      copyFileSync(join(root, "test", "runtimes", file), join(app, file));
    }
    const start = performance.now();
    const res = spawnSync(command, [...args, "in-runtime.mjs", vectorsPath], {
      cwd: app,
      encoding: "utf8",
      timeout: 60_000,
      // Nothing from the environment that could make a runtime reach the network or a cache
      // outside the temp dir.
      env: { PATH: process.env["PATH"] ?? "", HOME: dir, DENO_DIR: join(dir, "deno"), NO_COLOR: "1" },
    });
    const ms = performance.now() - start;
    if (res.error) throw res.error;
    const line = res.stdout.split("\n").find((l) => l.startsWith("MATRIX_ERRORS_RESULT "));
    if (res.status !== 0 || !line) {
      throw new Error(`${command} exited ${res.status}:\n${res.stdout}\n${res.stderr}`);
    }
    return { report: JSON.parse(line.slice("MATRIX_ERRORS_RESULT ".length)) as RuntimeReport, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stack lines that are frames ("    at ..."). */
export function frames(stack: string): string[] {
  return stack.split("\n").filter((line) => /^\s+at /.test(line));
}

/** The file path of a `file:` URL, as runtimes print it in a stack frame (either form matches). */
export function callerNames(caller: string): string[] {
  return [caller, new URL(caller).pathname];
}
