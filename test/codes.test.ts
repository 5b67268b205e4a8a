// The errcode table against the errcode catalog, and the fixture copies against ../shared.
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { WIRE_CODES, wireIndex } from "../src/dispatch.gen.js";
import * as api from "../src/index.js";
import { CODES } from "../src/index.js";
import { fixture } from "./helpers/vectors.js";

interface CatalogRow {
  errcode: string;
  status: "spec" | "msc" | "synapse" | "removed";
  http: number[];
  fields: Record<string, string>;
  stable_equivalent?: string | null;
}
const catalog = JSON.parse(readFileSync(fixture("errcodes.json"), "utf8")) as CatalogRow[];
const byCode = new Map(CODES.map((row) => [row.errcode as string, row]));

test("table: every code of the spec has a row (66 codes of v1.19)", () => {
  const spec = catalog.filter((row) => row.status === "spec");
  assert.is(spec.length, 66);
  for (const row of spec) assert.ok(byCode.has(row.errcode), `missing ${row.errcode}`);
});

test("table: the M_ codes Synapse sends beyond the spec are there", () => {
  const extra = catalog.filter(
    (row) => row.status !== "spec" && row.errcode.startsWith("M_") && row.status !== "removed",
  );
  for (const row of extra) assert.ok(byCode.has(row.errcode), `missing ${row.errcode}`);
  // 66 spec codes, 8 Synapse M_ codes, 14 codes of MSCs in use (0.2).
  assert.is(CODES.length, 88);
});

test("table: every unstable name with a stable equivalent is an alias of it", () => {
  for (const row of catalog) {
    const stable = row.stable_equivalent;
    if (!stable || stable.endsWith("(proposed)")) continue;
    const target = byCode.get(stable);
    assert.ok(
      target && "aliases" in target && (target.aliases as readonly string[]).includes(row.errcode),
      row.errcode,
    );
  }
  const blocked = byCode.get("M_INVITE_BLOCKED");
  assert.ok(
    blocked &&
      "aliases" in blocked &&
      (blocked.aliases as readonly string[]).includes("ORG.MATRIX.MSC4155.M_INVITE_BLOCKED"),
  );
});

test("table: class names follow the rule of API.md, statuses the spec's first", () => {
  const seen = new Set<string>();
  for (const row of CODES) {
    const words = row.errcode.replace(/^M_/, "").split("_");
    assert.is(row.name, words.map((w) => w[0] + w.slice(1).toLowerCase()).join(""), row.errcode);
    assert.not.ok(seen.has(row.name));
    seen.add(row.name);
    const http = catalog.find((c) => c.errcode === row.errcode)?.http ?? [];
    if (http.length > 0) assert.is(row.status, http[0], row.errcode);
    assert.ok(row.status >= 400 && row.status <= 599, row.errcode);
  }
});

test("table: typed fields cover every extra field the catalog lists for a code", () => {
  for (const row of CODES) {
    const listed = Object.keys(catalog.find((c) => c.errcode === row.errcode)?.fields ?? {});
    const keys = ("fields" in row ? row.fields : []).flatMap((f) => f.keys as readonly string[]);
    for (const key of listed) {
      // retry_after_ms is a base field of every class, not a typed extra.
      if (key !== "retry_after_ms") assert.ok(keys.includes(key), `${row.errcode}.${key}`);
    }
  }
});

test("table: each row has an exported class with that name and errcode", () => {
  for (const row of CODES) {
    const cls = (api as unknown as Record<string, { errcode?: string; prototype: { name: string } }>)[row.name];
    assert.ok(cls, row.name);
    assert.is(cls?.errcode, row.errcode);
    assert.is(cls?.prototype.name, row.name);
  }
});

test("dispatch: wireIndex finds every wire code and nothing else", () => {
  assert.is(WIRE_CODES.length, 109);
  for (const [i, code] of WIRE_CODES.entries()) assert.is(wireIndex(code), i, code);
  for (const near of ["M_FORBIDDEM", "M_FORBIDDEN_", "m_forbidden", "", "M_", "__proto__", "M_UNKNOWN ", "M_UNKNOWM"]) {
    assert.is(wireIndex(near), -1, near);
  }
  const near = fc
    .constantFrom(...WIRE_CODES)
    .chain((code) =>
      fc
        .tuple(fc.nat(code.length), fc.integer({ min: 32, max: 126 }))
        .map(([at, c]) => code.slice(0, at) + String.fromCharCode(c) + code.slice(at + 1)),
    );
  fc.assert(
    fc.property(fc.oneof(near, fc.string({ maxLength: 40 })), (s) => wireIndex(s) === WIRE_CODES.indexOf(s)),
    { seed: 7, numRuns: 20_000 },
  );
});

test("fixtures: the project's copies equal ../shared (when ../shared is there)", () => {
  const shared = new URL("../../../shared/", fixture("x"));
  const pairs: [string, string][] = [
    ["vectors.json", "vectors/vectors.json"],
    ["errcodes.json", "spec/errcodes.json"],
  ];
  if (!existsSync(shared)) {
    console.log("  (../shared is absent: the fixture copies were not compared with it)");
    return;
  }
  for (const [mine, theirs] of pairs) {
    const a = readFileSync(fixture(mine), "utf8");
    const b = readFileSync(new URL(theirs, shared), "utf8");
    assert.ok(a === b, `test/fixtures/${mine} differs from ../shared/${theirs}`);
  }
});

test.run();
