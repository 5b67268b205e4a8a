// Consumer projects for the type tests: the packed tarball (packed once per test process, shared
// by consumer.test.ts and readme.test.ts) installed offline into a fresh temp project, and the
// repository's own TypeScript run there as a user's `tsc` would be.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installInto, pack, root } from "../helpers/pack.js";

/** The fixtures directory (consumer sources as `*.ts.txt`), in the repository, not in build/. */
export const fixtures = join(root, "test", "consumer");

/** The repository's TypeScript compiler. */
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

/** The options every consumer project shares: what a careful user turns on. */
const STRICT = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noEmit: true,
  target: "es2022",
  lib: ["es2022", "dom", "dom.iterable"],
  // Libraries' .d.ts files are checked too: a consumer with skipLibCheck off must not see errors.
  skipLibCheck: false,
  forceConsistentCasingInFileNames: true,
} as const;

/** The two module settings users have: Node's own resolution, and a bundler's. */
export const RESOLUTIONS = {
  nodenext: { module: "nodenext", moduleResolution: "nodenext", verbatimModuleSyntax: true },
  bundler: { module: "esnext", moduleResolution: "bundler", verbatimModuleSyntax: true, moduleDetection: "force" },
} as const;

/** One of {@link RESOLUTIONS}. */
export type Resolution = keyof typeof RESOLUTIONS;

let scratch: string | undefined;
let tarball: string | undefined;

/** The packed tarball, packed on first use (the pack runs `prepack`, the package's build). */
export function packedTarball(): string {
  if (tarball === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "matrix-errors-consumer-"));
    scratch = dir;
    // Removed when the process ends, not after one test file: the next file reuses the pack.
    process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
    tarball = pack(scratch).tarball;
  }
  return tarball;
}

/**
 * The compiler options of a consumer project for `resolution`. With `node`, it also gets Node's
 * types (the repository's `@types/node`, as a Node project has them installed).
 */
export function compilerOptions(resolution: Resolution, options: { node?: boolean } = {}): object {
  const types = options.node ? { types: ["node"], typeRoots: [join(root, "node_modules", "@types")] } : { types: [] };
  return { ...STRICT, ...RESOLUTIONS[resolution], ...types };
}

/** A fresh project `name` (in the scratch directory) with the tarball installed; returns its path. */
export function makeProject(name: string): string {
  const tgz = packedTarball();
  const dir = join(scratch as string, name);
  installInto(dir, tgz, name);
  return dir;
}

/** Writes a tsconfig in `dir` with these options and `files` (relative to `dir`). */
export function writeConfig(dir: string, file: string, options: object, files: string[]): void {
  writeFileSync(join(dir, file), `${JSON.stringify({ compilerOptions: options, files }, null, 2)}\n`);
}

/** Copies the fixtures named (`main` for `main.ts.txt`) into `dir` as `.ts` files; returns their names. */
export function copyFixtures(dir: string, names: readonly string[]): string[] {
  const present = new Set(readdirSync(fixtures));
  return names.map((name) => {
    if (!present.has(`${name}.ts.txt`)) throw new Error(`no fixture ${name}.ts.txt in ${fixtures}`);
    copyFileSync(join(fixtures, `${name}.ts.txt`), join(dir, `${name}.ts`));
    return `${name}.ts`;
  });
}

/** What a tsc run said. */
export interface Checked {
  /** Whether tsc exited 0. */
  ok: boolean;
  /** Its diagnostics (stdout and stderr), without the file list. */
  output: string;
  /** Every file the program included (`--listFiles`), absolute. */
  files: string[];
}

/** Runs the repository's tsc on `config` in `dir`. */
export function typecheck(dir: string, config = "tsconfig.json"): Checked {
  const result = spawnSync(process.execPath, [tsc, "-p", config, "--pretty", "false", "--listFiles"], {
    cwd: dir,
    encoding: "utf8",
  });
  const lines = `${result.stdout}\n${result.stderr}`.split("\n");
  // --listFiles prints one absolute path a line; diagnostics start with a relative path or "error".
  const files = lines.filter((line) => line.startsWith("/"));
  const output = lines.filter((line) => line.trim() !== "" && !line.startsWith("/")).join("\n");
  return { ok: result.status === 0, output, files };
}
