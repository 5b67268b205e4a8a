// The package as users get it: npm pack, installed offline into a fresh project, imported from
// Node ESM, type-checked as a consumer, and linted by publint and arethetypeswrong.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { CODES } from "../src/codes.js";
import { installInto, pack } from "./helpers/pack.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = (name: string): string => join(root, "node_modules", ".bin", name);
const dir = mkdtempSync(join(tmpdir(), "matrix-errors-pack-"));
const app = join(dir, "app");
let tarball = "";

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

test.before(() => {
  ({ tarball, files } = pack(dir));
  installInto(app, tarball);
});
let files: string[] = [];

test("the tarball holds only what users need: dist (with decoder.wasm and both loaders), README, LICENSE, package.json", () => {
  assert.ok(files.length > 0);
  for (const path of files) {
    assert.ok(/^(dist\/.+\.(js|d\.ts|wasm)|README\.md|LICENSE|package\.json)$/.test(path), `unexpected ${path}`);
  }
  const wanted = ["dist/index.js", "dist/index.d.ts", "dist/codes.js", "README.md", "LICENSE", "dist/decoder.wasm"];
  for (const loader of ["node", "workerd"]) wanted.push(`dist/wasm/${loader}.js`, `dist/wasm/${loader}.d.ts`);
  for (const path of wanted) assert.ok(files.includes(path), `missing ${path}`);
});

test("installed offline, it imports from Node ESM and decodes a vector with both decoders", () => {
  writeFileSync(
    join(app, "check.mjs"),
    [
      'import { decode, LimitExceeded } from "matrix-errors";',
      'import { CODES } from "matrix-errors/codes";',
      'import { createWasmDecoder } from "matrix-errors/wasm";',
      'const body = \'{"errcode":"M_LIMIT_EXCEEDED","error":"slow","retry_after_ms":1500}\';',
      "const summary = (err) => ({ cls: err.constructor.name, ok: err instanceof LimitExceeded, wait: err.retryAfterMs });",
      "const wasm = await createWasmDecoder();",
      "console.log(JSON.stringify({",
      "  ts: summary(decode(body, { status: 429 })),",
      "  wasm: summary(wasm.decode(new TextEncoder().encode(body), { status: 429 })),",
      "  codes: CODES.length,",
      '  loader: import.meta.resolve("matrix-errors/wasm").replace(/^.*\\/node_modules\\//, ""),',
      "}));",
    ].join("\n"),
  );
  const out = JSON.parse(run("node", ["check.mjs"], app));
  const limited = { cls: "LimitExceeded", ok: true, wait: 1500 };
  assert.equal(out, { ts: limited, wasm: limited, codes: CODES.length, loader: "matrix-errors/dist/wasm/node.js" });
});

test('`import "matrix-errors"` loads one file, and every entry shares its classes, registry and table', () => {
  const installed = join(app, "node_modules", "matrix-errors", "dist");
  const main = readFileSync(join(installed, "index.js"), "utf8");
  // One module: Node pays ~0.7 ms per module it loads (see scripts/build.mjs).
  assert.not.match(main, /\bfrom\s*"/, "dist/index.js imports no other module");
  assert.not.match(main, /\bimport\s*\(/, "dist/index.js loads no module later");
  writeFileSync(
    join(app, "shared.mjs"),
    [
      'import * as main from "matrix-errors";',
      'import { CODES } from "matrix-errors/codes";',
      'import { createWasmDecoder } from "matrix-errors/wasm";',
      "class Quota extends main.ErrorResponse {}",
      'main.registry.register("COM.EXAMPLE.QUOTA", Quota);',
      "const wasm = await createWasmDecoder();",
      'const err = wasm.decode(\'{"errcode":"COM.EXAMPLE.QUOTA","error":"full"}\');',
      "console.log(JSON.stringify({",
      "  codes: CODES === main.CODES,",
      "  registered: err instanceof Quota,",
      "  base: err instanceof main.ErrorResponse,",
      '  internal: typeof main.__internal === "object",',
      "}));",
    ].join("\n"),
  );
  const out = JSON.parse(run("node", ["shared.mjs"], app));
  assert.equal(out, { codes: true, registered: true, base: true, internal: true });
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
      'import { createWasmDecoder, type WasmDecoder } from "matrix-errors/wasm";',
      "const wasm: WasmDecoder = await createWasmDecoder();",
      "const viaWasm: ErrorResponse = wasm.decode(new Uint8Array(0), { status: 502 }); void viaWasm;",
    ].join("\n"),
  );
  run(bin("tsc"), ["-p", "tsconfig.json"], app);
});

test("the example Worker type-checks against the installed types with the Workers conditions", () => {
  // examples/worker as its users have it: its tsconfig (moduleResolution bundler, customConditions
  // workerd/worker/browser) and src/index.ts, beside the installed package.
  const worker = join(app, "worker");
  mkdirSync(join(worker, "src"), { recursive: true });
  const example = join(root, "examples", "worker");
  copyFileSync(join(example, "tsconfig.json"), join(worker, "tsconfig.json"));
  copyFileSync(join(example, "src", "index.ts"), join(worker, "src", "index.ts"));
  const files = run(bin("tsc"), ["-p", "tsconfig.json", "--listFiles"], worker);
  assert.match(files, /node_modules\/matrix-errors\/dist\/wasm\/workerd\.d\.ts/);
  assert.not.match(files, /node_modules\/matrix-errors\/dist\/wasm\/node\.d\.ts/);
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
