// Every shared vector, in every input form it lists, through one decoder.
import { dequal } from "dequal";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { ErrorResponse } from "../../src/index.js";
import type { Decoder } from "../helpers/decoder.js";
import { formsOf, inputOf, loadVectors, type VectorCase } from "../helpers/vectors.js";

const SPECIAL = new Set(["class", "bodyErrcode", "bodyField", "messageNonEmpty", "noPollution", "rawStartsWith"]);

function check(result: ErrorResponse, c: VectorCase, where: string): void {
  const e = c.expect;
  assert.is(result.constructor.name, e.class, `${where}: class`);
  assert.is(result.name, e.class, `${where}: name`);
  for (const [key, want] of Object.entries(e)) {
    if (SPECIAL.has(key)) continue;
    const got = (result as unknown as Record<string, unknown>)[key];
    assert.equal(got, want === null ? undefined : want, `${where}: ${key}`);
  }
  if ("bodyErrcode" in e) assert.is(result.body.errcode, e.bodyErrcode, `${where}: body.errcode`);
  if (Array.isArray(e.bodyField)) {
    const [key, value] = e.bodyField as [string, unknown];
    assert.ok(Object.hasOwn(result.body, key), `${where}: body has ${key}`);
    assert.ok(dequal(result.body[key], value), `${where}: body.${key}`);
  }
  if (e.messageNonEmpty === true) assert.ok(result.message.length > 0, `${where}: message not empty`);
  if (e.noPollution === true) {
    assert.is(({} as Record<string, unknown>).polluted, undefined, `${where}: Object.prototype untouched`);
    assert.is(Object.getPrototypeOf(result.body), Object.prototype, `${where}: body prototype`);
  }
  if (typeof e.rawStartsWith === "string") {
    assert.ok((result as unknown as { raw: string }).raw.startsWith(e.rawStartsWith), `${where}: raw`);
  }
}

export function vectorSuite(decoder: Decoder): void {
  const cases = loadVectors();
  test(`${decoder.label}: the vector file has the 127 shared cases`, () => {
    assert.ok(cases.length >= 127, `only ${cases.length} cases`);
  });
  for (const c of cases) {
    test(`${decoder.label}: vector "${c.name}"`, () => {
      for (const form of formsOf(c)) {
        const init = { status: c.status, headers: c.headers, now: c.now };
        check(decoder.decode(inputOf(c, form), init), c, form);
      }
    });
  }
}
