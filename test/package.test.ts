// The package as users get it: npm pack, installed offline into a fresh project, imported from
// Node ESM, type-checked as a consumer, and linted by publint and arethetypeswrong.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = (name: string): string => join(root, "node_modules", ".bin", name);
const dir = mkdtempSync(join(tmpdir(), "matrix-errors-pack-"));
const app = join(dir, "app");
let tarball = "";

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test.before(() => {
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", dir], root)) as {
    filename: string;
    files: { path: string }[];
  }[];
  const first = packed[0];
  if (!first) throw new Error("npm pack printed nothing");
  tarball = join(dir, first.filename);
  files = first.files.map((f) => f.path);
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{"name":"app","private":true,"type":"module"}');
  run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], app);
});
let files: string[] = [];

test("the tarball holds only what users need: dist, README, LICENSE, package.json", () => {
  assert.ok(files.length > 0);
  for (const path of files) {
    assert.ok(/^(dist\/.+\.(js|d\.ts|wasm)|README\.md|LICENSE|package\.json)$/.test(path), `unexpected ${path}`);
  }
  for (const needed of ["dist/index.js", "dist/index.d.ts", "dist/codes.js", "README.md", "LICENSE"]) {
    assert.ok(files.includes(needed), `missing ${needed}`);
  }
});

test("installed offline, it imports from Node ESM and decodes a vector", () => {
  writeFileSync(
    join(app, "check.mjs"),
    [
      'import { decode, LimitExceeded } from "matrix-errors";',
      'import { CODES } from "matrix-errors/codes";',
      'const err = decode(\'{"errcode":"M_LIMIT_EXCEEDED","error":"slow","retry_after_ms":1500}\', { status: 429 });',
      "console.log(JSON.stringify({ cls: err.constructor.name, ok: err instanceof LimitExceeded, wait: err.retryAfterMs, codes: CODES.length }));",
    ].join("\n"),
  );
  const out = JSON.parse(run("node", ["check.mjs"], app));
  assert.equal(out, { cls: "LimitExceeded", ok: true, wait: 1500, codes: 74 });
});

test("a consumer .ts file type-checks against the installed types", () => {
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2022", "dom"],
        types: [],
        noEmit: true,
      },
      include: ["consumer.ts"],
    }),
  );
  writeFileSync(
    join(app, "consumer.ts"),
    [
      'import { decode, isErrcode, LimitExceeded, Registry, ErrorResponse, type Errcode } from "matrix-errors";',
      'import { CODES } from "matrix-errors/codes";',
      "const err = decode('{}', { status: 429 });",
      "if (err instanceof LimitExceeded) { const ms: number | undefined = err.retryAfterMs; void ms; }",
      'if (isErrcode(err, "M_UNKNOWN_TOKEN")) { const soft: boolean = err.softLogout; void soft; }',
      "const code: Errcode = CODES[0].errcode; void code;",
      'class Quota extends ErrorResponse { static override readonly errcode = "COM.EXAMPLE.Q"; }',
      'new Registry().register("COM.EXAMPLE.Q", Quota);',
      "// @ts-expect-error typed literal",
      'const wrong: Errcode = "M_NOPE"; void wrong;',
    ].join("\n"),
  );
  run(bin("tsc"), ["-p", "tsconfig.json"], app);
});

test("publint finds no errors or warnings in the tarball", () => {
  // --strict turns warnings into errors, and publint then exits non-zero (run() throws).
  const out = run(bin("publint"), ["run", tarball, "--level", "warning", "--strict"], root);
  assert.match(out, /All good!/);
});

test("arethetypeswrong finds no problems (ESM-only profile)", () => {
  // decoder.wasm is a raw module file with no types to resolve: attw cannot judge it.
  run(
    bin("attw"),
    [tarball, "--profile", "esm-only", "--format", "ascii", "--exclude-entrypoints", "decoder.wasm"],
    root,
  );
});

test.after(() => {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});
test.run();
