// Types are part of the API: consumer projects type-check against the packed package under
// `strict` + `exactOptionalPropertyTypes`, with `module`/`moduleResolution` `nodenext` and with
// `module: esnext` + `moduleResolution: bundler`. The sources are test/consumer/*.ts.txt (see
// test/consumer/project.ts): a client and server of the 0.2 API (main), matrix-errors/wasm (wasm),
// matrix-errors/codes (codes) and Node's headers (node, nodenext only). package.test.ts checks
// the 0.1 names and the example Worker; this file does not repeat them.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  type Checked,
  compilerOptions,
  copyFixtures,
  makeProject,
  packedTarball,
  typecheck,
  writeConfig,
} from "./consumer/project.js";

const covered: string[] = [];
const wasmTypes = (checked: Checked): string[] =>
  checked.files
    .filter((file) => /node_modules\/matrix-errors\/dist\/wasm\/(node|workerd|browser)\.d\.ts$/.test(file))
    .map((file) => file.replace(/^.*\/dist\//, ""));

function assertClean(checked: Checked, what: string): void {
  assert.ok(checked.ok, `${what} does not type-check:\n${checked.output}`);
  assert.is(checked.output, "", `${what}: tsc printed something:\n${checked.output}`);
}

test.before(() => {
  packedTarball();
});

test("nodenext: the 0.2 API, matrix-errors/wasm (Node's loader types), matrix-errors/codes and Node's headers type-check", () => {
  const app = makeProject("consumer-nodenext");
  const files = copyFixtures(app, ["expect", "main", "wasm", "codes", "node"]);
  writeConfig(app, "tsconfig.json", compilerOptions("nodenext", { node: true }), files);
  const checked = typecheck(app);
  assertClean(checked, "the nodenext consumer");
  assert.equal(wasmTypes(checked), ["wasm/node.d.ts"]);
  assert.ok(checked.files.some((file) => file.endsWith("/node_modules/matrix-errors/dist/codes.d.ts")));
  covered.push(`nodenext (${files.length} files, wasm → ${wasmTypes(checked).join()})`);
});

test("bundler: the same sources type-check, without Node's types; the browser condition picks the browser loader's types", () => {
  const app = makeProject("consumer-bundler");
  const files = copyFixtures(app, ["expect", "main", "wasm", "codes"]);
  const options = compilerOptions("bundler");
  writeConfig(app, "tsconfig.json", options, files);
  const checked = typecheck(app);
  assertClean(checked, "the bundler consumer");
  // No condition of a runtime: `default`, which is the Workers loader's types.
  assert.equal(wasmTypes(checked), ["wasm/workerd.d.ts"]);
  assert.not.ok(
    checked.files.some((file) => file.includes("/@types/node/")),
    "the bundler project saw Node's types",
  );
  // A browser app that tells TypeScript its bundler's conditions.
  writeConfig(app, "tsconfig.browser.json", { ...options, customConditions: ["browser"] }, files);
  const browser = typecheck(app, "tsconfig.browser.json");
  assertClean(browser, "the bundler consumer with the browser condition");
  assert.equal(wasmTypes(browser), ["wasm/browser.d.ts"]);
  covered.push(
    `bundler (${files.length} files, wasm → ${wasmTypes(checked).join()}; browser condition → ${wasmTypes(browser).join()})`,
  );
});

test("the check can fail: a refused line (unknown create field, wrong type, unknown errcode, undefined under exactOptionalPropertyTypes) fails tsc, named by file and code", () => {
  const app = makeProject("consumer-refused");
  const cases: [string, string, string][] = [
    ["unknown-field", 'LimitExceeded.create("x", { retryAfter: 1 });', "TS2561"],
    ["wrong-type", 'UnknownToken.create("x", { softLogout: "yes" });', "TS2322"],
    ["not-a-code", 'const code: Errcode = "M_NOPE"; void code;', "TS2322"],
    // The setting is on: an explicit undefined for a plain optional field of the user's own.
    ["exact-optional", "const o: { a?: number } = { a: undefined }; void o;", "TS2375"],
  ];
  for (const [name, line, code] of cases) {
    writeFileSync(
      join(app, `${name}.ts`),
      `import { type Errcode, LimitExceeded, UnknownToken } from "matrix-errors";\nvoid LimitExceeded; void UnknownToken;\n${line}\nexport {};\n`,
    );
    writeConfig(app, `tsconfig.${name}.json`, compilerOptions("nodenext"), [`${name}.ts`]);
    const checked = typecheck(app, `tsconfig.${name}.json`);
    assert.not.ok(checked.ok, `${name}: tsc accepted ${line}`);
    assert.match(checked.output, new RegExp(`^${name}\\.ts\\(3,\\d+\\): error ${code}`, "m"), checked.output);
  }
  covered.push(`${cases.length} refused lines fail the check`);
});

test.after(() => {
  console.log(
    `  covered: consumer types from the packed tarball, strict + exactOptionalPropertyTypes + skipLibCheck off: ${covered.join("; ")}`,
  );
});

test.run();
