// The tests Deno and Bun share: run test/runtimes/in-runtime.mjs under the runtime from the
// packed package, then assert on its report. A missing binary or a failing run fails the first
// test, and every later one says so.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { root } from "../helpers/pack.js";
import { callerNames, frames, type RuntimeReport, runInRuntime, vectorsPath } from "./in-runtime.js";

/**
 * Defines and runs the suite for one runtime.
 * @param name the runtime's name as it reports it ("deno", "bun"), also its dev dependency's name
 * @param command the runtime's binary
 * @param args what goes before the script's path
 */
export function runtimeSuite(name: string, command: string, args: string[]): void {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    devDependencies: Record<string, string>;
  };
  const vectors = (JSON.parse(readFileSync(vectorsPath, "utf8")) as { cases: unknown[] }).cases;
  const t = suite(name);
  let run: { report: RuntimeReport; ms: number } | undefined;
  const report = (): RuntimeReport => {
    if (!run) throw new Error(`${name} did not run (see the first test)`);
    return run.report;
  };

  t(`${name} (the dev dependency) runs the in-runtime script from a project with the packed package`, () => {
    run = runInRuntime(command, args);
    assert.is(run.report.runtime, name);
    assert.is(run.report.version, pkg.devDependencies[name]);
  });

  t(`inside ${name}: every shared vector meets its expect through both decoders, which agree`, () => {
    const r = report();
    assert.is(r.cases, vectors.length);
    assert.ok(r.cases > 100, `${r.cases} cases`);
    assert.ok(r.checked >= 2 * r.cases, `${r.checked} checked`);
    assert.equal(r.mismatches, [], `${r.mismatches.length} mismatches:\n${r.mismatches.join("\n")}`);
  });

  t(`inside ${name}: decoded errors' stacks have frames, and a frame names the caller's file`, () => {
    const r = report();
    const names = callerNames(r.caller);
    assert.equal(Object.keys(r.stacks).sort(), ["decode", "decodeResponse", "wasmDecode", "wasmDecodeResponse"]);
    for (const [how, { cls, stack }] of Object.entries(r.stacks)) {
      assert.is(cls, "LimitExceeded", how);
      const lines = frames(stack);
      assert.ok(lines.length > 0, `${how}: no frames in ${JSON.stringify(stack)}`);
      assert.ok(
        lines.some((line) => names.some((n) => line.includes(n))),
        `${how}: no frame names ${r.caller}:\n${stack}`,
      );
    }
  });

  t.after(() => {
    if (!run) return;
    const { report: r, ms } = run;
    const framed = Object.values(r.stacks).filter(({ stack }) => frames(stack).length > 0).length;
    console.log(
      `\n  covered: ${name} ${r.version}: ${r.cases} vectors, ${r.checked} expect checks over 2 decoders ` +
        `(wasm loader ${r.loader}), ${r.mismatches.length} mismatches; ` +
        `${framed}/${Object.keys(r.stacks).length} decoded stacks with frames; run ${Math.round(ms)} ms`,
    );
  });
  t.run();
}
