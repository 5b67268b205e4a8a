// Every vector (the shared file and the project's own), in every input form it lists, through one
// decoder, checked by the one vector checker that Deno, Bun, workerd and the browser page use too.
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Decoder } from "../helpers/decoder.js";
import { formsOf, inputOf, loadVectors } from "../helpers/vectors.js";
import { expectMisses } from "../runtimes/check-vectors.mjs";

export function vectorSuite(decoder: Decoder): void {
  const cases = loadVectors();
  test(`${decoder.label}: the vector files have the 127 shared cases and the 0.2 cases`, () => {
    assert.ok(cases.length >= 127 + 51, `only ${cases.length} cases`);
  });
  for (const c of cases) {
    test(`${decoder.label}: vector "${c.name}"`, () => {
      for (const form of formsOf(c)) {
        const init = { status: c.status, headers: c.headers, now: c.now };
        assert.equal(expectMisses(decoder.decode(inputOf(c, form), init), c), [], `${form}`);
      }
    });
  }
}
