// The README's code compiles: every ```ts (or ```typescript) block of README.md, each as its own
// module, type-checked in a consumer project (the packed tarball installed offline; strict,
// exactOptionalPropertyTypes, module/moduleResolution nodenext, Node's types) by the repository's
// TypeScript. A block that does not compile fails the test named by its heading.
//
// Conventions for README authors:
// - A block is a module (top-level await works; top-level `return` does not). It imports what it
//   uses, as a reader copying it would.
// - `// @readme-preamble <code>`: the block's leading lines may be of this form; for the check,
//   each is replaced by its <code> (a `declare const homeserver: string;`, a
//   `declare function sleep(ms: number): Promise<void>;`), so a snippet can use names the reader
//   has, without defining them. Only leading lines count; one further down is an error. The line
//   stays in the README (a reader sees what the snippet assumes).
// - Packages other than matrix-errors that a block imports (hono, matrix-js-sdk) come from the
//   repository's dev dependencies, linked into the project; `npm:matrix-errors` (Deno) and
//   `*.wasm` imports (Workers) are declared in test/consumer/readme-env.d.ts.txt. Runtime globals
//   (`Deno`, `Bun`) need a preamble.
// - Lines in diagnostics are README lines.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { type Checked, compilerOptions, fixtures, makeProject, typecheck, writeConfig } from "./consumer/project.js";
import { root } from "./helpers/pack.js";

/** One ```ts block of the README. */
interface Block {
  /** The nearest heading above it, with its `#`s. */
  heading: string;
  /** Its place among the blocks under that heading (1-based) and how many there are. */
  index: number;
  of: number;
  /** README line of the opening fence. */
  fence: number;
  /** The module checked: the block's lines, leading preamble lines replaced by their code. */
  source: string;
  /** A preamble line found below the leading ones (README line), if any. */
  misplaced: number | undefined;
}

const PREAMBLE = /^\s*\/\/ @readme-preamble(?:\s(.*))?$/;
const OPEN = /^(\s*)(`{3,})(?:ts|typescript)(?:\s.*)?$/;

/** Every ```ts block of `markdown`, with its heading. */
export function blocksOf(markdown: string): Block[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: Block[] = [];
  let heading = "(before the first heading)";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const open = OPEN.exec(line);
    if (!open) {
      if (/^#{1,6}\s/.test(line)) heading = line.trim();
      // Skip any other fenced block whole, so a `#` line in it is not a heading.
      const other = /^(\s*)(`{3,}|~{3,})/.exec(line);
      if (other) while (i + 1 < lines.length && !(lines[++i] as string).trim().startsWith(other[2] as string));
      continue;
    }
    const indent = (open[1] as string).length;
    const fence = open[2] as string;
    const body: string[] = [];
    let misplaced: number | undefined;
    let leading = true;
    for (i++; i < lines.length && (lines[i] as string).trim() !== fence; i++) {
      // Inside a list item the block is indented: its lines lose that indent.
      const text = (lines[i] as string).slice(Math.min(indent, /^\s*/.exec(lines[i] as string)?.[0].length ?? 0));
      const preamble = PREAMBLE.exec(text);
      if (preamble && leading) body.push(preamble[1] ?? "");
      else {
        if (preamble) misplaced ??= i + 1;
        if (text.trim() !== "") leading = false;
        body.push(text);
      }
    }
    blocks.push({ heading, index: 0, of: 0, fence: i - body.length, source: `${body.join("\n")}\n`, misplaced });
  }
  for (const block of blocks) {
    const same = blocks.filter((other) => other.heading === block.heading);
    block.index = same.indexOf(block) + 1;
    block.of = same.length;
  }
  return blocks;
}

/** What a failure message calls a block. */
const nameOf = (block: Block): string =>
  `${block.heading}${block.of > 1 ? ` (block ${block.index} of ${block.of})` : ""}, README.md line ${block.fence}`;

/** Bare package names a source imports (not matrix-errors, node: or npm: specifiers). */
function packagesOf(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"'./][^"']*)["']/g)) {
    const specifier = match[1] as string;
    if (/^(node|npm|jsr):/.test(specifier)) continue;
    const parts = specifier.split("/");
    const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
    if (name !== "matrix-errors") names.add(name);
  }
  return [...names];
}

const readme = readFileSync(join(root, "README.md"), "utf8");
const blocks = blocksOf(readme);
const fileOf = (n: number): string => `block-${String(n + 1).padStart(2, "0")}.ts`;

// The convention, checked on a made-up README in the same program: a preamble line, a block in a
// list item, a non-ts fence with a `#` line in it, and a block that must fail.
const PROBE = [
  "# Probe",
  "## Uses a preamble",
  "```ts",
  "// @readme-preamble declare const homeserver: string;",
  'import { decode } from "matrix-errors";',
  "decode(homeserver);",
  "```",
  "```sh",
  "# not a heading",
  "```",
  "- In a list:",
  "  ```typescript",
  '  import { LimitExceeded } from "matrix-errors";',
  '  LimitExceeded.create("x", { retryAfter: 1 });',
  "  ```",
  "",
].join("\n");
const probes = blocksOf(PROBE);
const probeOf = (n: number): string => `probe-${n + 1}.ts`;
let checked: Checked | undefined;

/** The diagnostics of `file`, their lines mapped to lines of the markdown the block came from. */
function diagnosticsOf(file: string, block: Block): string[] {
  return (checked as Checked).output
    .split("\n")
    .filter((line) => line.startsWith(`${file}(`))
    .map((line) =>
      line.replace(
        /^[\w-]+\.ts\((\d+),(\d+)\)/,
        (_, l: string, c: string) => `README.md(${block.fence + Number(l)},${c})`,
      ),
    );
}

test.before(() => {
  const app = makeProject("readme");
  writeFileSync(join(app, "readme-env.d.ts"), readFileSync(join(fixtures, "readme-env.d.ts.txt")));
  const files = ["readme-env.d.ts"];
  const write = (file: string, block: Block): void => {
    writeFileSync(join(app, file), block.source);
    files.push(file);
  };
  blocks.forEach((block, n) => {
    write(fileOf(n), block);
  });
  probes.forEach((block, n) => {
    write(probeOf(n), block);
  });
  for (const name of new Set(blocks.flatMap((block) => packagesOf(block.source)))) {
    // A package the repository has (a dev dependency): linked, so its types resolve; one it
    // lacks stays missing and that block fails naming it.
    const from = join(root, "node_modules", name);
    const to = join(app, "node_modules", name);
    if (!existsSync(from) || existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    symlinkSync(from, to, "dir");
  }
  // Third-party .d.ts are not this package's to fix (the consumer test checks ours with
  // skipLibCheck off); every block is a module, whatever it contains.
  writeConfig(
    app,
    "tsconfig.json",
    { ...compilerOptions("nodenext", { node: true }), skipLibCheck: true, moduleDetection: "force" },
    files,
  );
  checked = typecheck(app);
});

test("the convention: preamble lines are code, list-item blocks are found, other fences are skipped, a bad block fails at its README line", () => {
  assert.equal(
    probes.map((block) => [block.heading, block.fence, block.misplaced]),
    [
      ["## Uses a preamble", 3, undefined],
      ["## Uses a preamble", 12, undefined],
    ],
  );
  assert.match(probes[0]?.source ?? "", /^declare const homeserver: string;\nimport/);
  assert.match(probes[1]?.source ?? "", /^import \{ LimitExceeded \}/);
  assert.equal(diagnosticsOf(probeOf(0), probes[0] as Block), []);
  const failing = diagnosticsOf(probeOf(1), probes[1] as Block);
  assert.equal(failing.length, 1, failing.join("\n"));
  assert.match(failing[0] ?? "", /^README\.md\(14,\d+\): error TS2561/);
  const misplaced = blocksOf("## X\n```ts\nconst a = 1;\n// @readme-preamble declare const b: number;\n```\n");
  assert.equal(misplaced[0]?.misplaced, 4);
});

test("README.md has ```ts blocks to compile", () => {
  assert.ok(blocks.length > 0, "no ```ts block found in README.md");
});

blocks.forEach((block, n) => {
  test(`README block compiles: ${nameOf(block)}`, () => {
    assert.is(
      block.misplaced,
      undefined,
      `${nameOf(block)}: a // @readme-preamble line below the first code line (README.md line ${block.misplaced})`,
    );
    const mine = diagnosticsOf(fileOf(n), block);
    assert.ok(mine.length === 0, `${nameOf(block)} does not compile:\n${mine.join("\n")}`);
  });
});

test("tsc reported nothing outside the blocks (the environment itself compiles)", () => {
  const result = checked as Checked;
  const other = result.output.split("\n").filter((line) => line !== "" && !/^(block-\d+|probe-\d+)\.ts\(/.test(line));
  assert.ok(other.length === 0, `tsc reported outside the blocks:\n${other.join("\n")}`);
  // Every block was in the program.
  for (let n = 0; n < blocks.length; n++)
    assert.ok(
      result.files.some((file) => file.endsWith(`/readme/${fileOf(n)}`)),
      `${fileOf(n)} not compiled`,
    );
});

test.after(() => {
  const failed = blocks.filter((_, n) => (checked?.output ?? "").includes(`${fileOf(n)}(`)).length;
  console.log(
    `  covered: ${blocks.length - failed} of ${blocks.length} README ts blocks compiled (nodenext, strict, exactOptionalPropertyTypes, against the packed tarball)`,
  );
});

test.run();
