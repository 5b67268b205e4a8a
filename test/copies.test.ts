// Two copies of the package installed side by side (one nested under a dependency): the guards
// recognise each other's errors, and each copy's default registry stays its own.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";

type Api = typeof import("../src/index.js");

const root = new URL("../../", import.meta.url);
const dir = mkdtempSync(join(tmpdir(), "matrix-errors-copies-"));

function install(at: string): void {
  mkdirSync(at, { recursive: true });
  cpSync(new URL("package.json", root), join(at, "package.json"));
  cpSync(new URL("dist", root), join(at, "dist"), { recursive: true });
}

install(join(dir, "node_modules", "matrix-errors"));
install(join(dir, "node_modules", "dep", "node_modules", "matrix-errors"));
writeFileSync(
  join(dir, "node_modules", "dep", "package.json"),
  '{"name":"dep","type":"module","exports":"./index.js"}',
);
writeFileSync(join(dir, "node_modules", "dep", "index.js"), 'export * from "matrix-errors";\n');
writeFileSync(join(dir, "app.js"), 'export * as top from "matrix-errors";\nexport * as nested from "dep";\n');

test("README: two installed copies recognise each other's errors; registries stay separate", async () => {
  const { top, nested } = (await import(pathToFileURL(join(dir, "app.js")).href)) as { top: Api; nested: Api };
  assert.is.not(top.ErrorResponse, nested.ErrorResponse, "two module instances");
  const a = top.decode('{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":5}');
  const b = nested.decode('{"errcode":"ORG.MATRIX.MSC3823.USER_SUSPENDED"}');
  assert.not.instance(a, nested.ErrorResponse, "instanceof does not cross copies");
  assert.ok(nested.isErrorResponse(a));
  assert.ok(top.isErrorResponse(b));
  assert.ok(nested.isErrcode(a, "M_LIMIT_EXCEEDED"));
  assert.ok(top.isErrcode(b, "ORG.MATRIX.MSC3823.USER_SUSPENDED"));
  class Quota extends top.ErrorResponse {}
  top.registry.register("COM.EXAMPLE.COPIES", Quota);
  assert.ok(top.registry.has("COM.EXAMPLE.COPIES"));
  assert.not.ok(nested.registry.has("COM.EXAMPLE.COPIES"), "each copy's default registry is its own");
  // A class from one copy can be registered in the other's registry: the check is the brand.
  nested.registry.register("COM.EXAMPLE.COPIES", Quota);
  assert.instance(nested.decode('{"errcode":"COM.EXAMPLE.COPIES"}'), Quota);
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
