// Registries: third-party codes, aliases, independence, and the TypeErrors of misuse.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  CustomErrorResponse,
  ErrorResponse,
  Forbidden,
  NonMatrixResponse,
  Registry,
  registry,
} from "../../src/index.js";
import type { Decoder } from "../helpers/decoder.js";

/** The README's third-party class: a code of its own and a typed getter. */
export class QuotaExceeded extends ErrorResponse {
  static override readonly errcode = "COM.EXAMPLE.QUOTA_EXCEEDED";
  declare readonly errcode: "COM.EXAMPLE.QUOTA_EXCEEDED";
  get quota(): number | undefined {
    const quota = this.body.quota;
    return typeof quota === "number" ? quota : undefined;
  }
}

class Throws extends ErrorResponse {
  constructor() {
    throw new RangeError("constructor failed");
    // biome-ignore lint/correctness/noUnreachable: the constructor must look like a subclass's
    super({});
  }
}

class NoStatic extends ErrorResponse {}

export function registrySuite(decoder: Decoder): void {
  const { label } = decoder;
  const quotaBody = '{"errcode":"COM.EXAMPLE.QUOTA_EXCEEDED","error":"Over quota","quota":5}';

  test(`${label}: README "registry": a third-party code decodes to its own class with a typed getter`, async () => {
    const mine = new Registry().register("COM.EXAMPLE.QUOTA_EXCEEDED", QuotaExceeded);
    const dec = await decoder.withRegistry(mine);
    for (const input of [quotaBody, new TextEncoder().encode(quotaBody), JSON.parse(quotaBody)]) {
      const result = dec.decode(input, { status: 403 });
      assert.instance(result, QuotaExceeded);
      assert.is((result as QuotaExceeded).quota, 5);
      assert.is(result.errcode, "COM.EXAMPLE.QUOTA_EXCEEDED");
      assert.is(result.name, "QuotaExceeded");
    }
    assert.instance(decoder.decode(quotaBody), CustomErrorResponse, "the default registry is unchanged");
  });

  test(`${label}: aliases to a registered code, also for a class without a static errcode`, async () => {
    const mine = new Registry()
      .register("COM.EXAMPLE.QUOTA_EXCEEDED", QuotaExceeded)
      .alias("COM.EXAMPLE.OLD_QUOTA", "COM.EXAMPLE.QUOTA_EXCEEDED")
      .register("COM.EXAMPLE.PLAIN", NoStatic)
      .alias("COM.EXAMPLE.PLAIN_OLD", "COM.EXAMPLE.PLAIN");
    const dec = await decoder.withRegistry(mine);
    const a = dec.decode('{"errcode":"COM.EXAMPLE.OLD_QUOTA","quota":1}');
    assert.instance(a, QuotaExceeded);
    assert.is(a.errcode, "COM.EXAMPLE.QUOTA_EXCEEDED");
    assert.is(a.body.errcode, "COM.EXAMPLE.OLD_QUOTA");
    const b = dec.decode('{"errcode":"COM.EXAMPLE.PLAIN_OLD"}');
    assert.instance(b, NoStatic);
    assert.is(b.errcode, "COM.EXAMPLE.PLAIN");
    assert.is(mine.get("COM.EXAMPLE.OLD_QUOTA"), QuotaExceeded);
    assert.ok(mine.codes().includes("COM.EXAMPLE.QUOTA_EXCEEDED"));
    assert.not.ok(mine.codes().includes("COM.EXAMPLE.OLD_QUOTA"));
  });

  test(`${label}: a constructor that throws gives a CustomErrorResponse with the cause`, async () => {
    const dec = await decoder.withRegistry(new Registry().register("COM.EXAMPLE.BROKEN", Throws as never));
    const result = dec.decode('{"errcode":"COM.EXAMPLE.BROKEN","error":"x","k":1}', { status: 400 });
    assert.instance(result, CustomErrorResponse);
    assert.is(result.errcode, "COM.EXAMPLE.BROKEN");
    assert.instance(result.cause, RangeError);
    assert.is(result.body.k, 1);
    assert.is(result.status, 400);
    assert.is(dec.decode('{"errcode":"M_FORBIDDEN"}').name, "Forbidden", "decoding goes on");
  });

  test(`${label}: override replaces a built-in class, and its aliases follow`, async () => {
    class MyForbidden extends Forbidden {}
    const mine = new Registry().register("M_FORBIDDEN", MyForbidden, { override: true });
    const dec = await decoder.withRegistry(mine);
    assert.instance(dec.decode('{"errcode":"M_FORBIDDEN"}'), MyForbidden);
    class MySuspended extends ErrorResponse {
      static override readonly errcode = "M_USER_SUSPENDED";
    }
    mine.register("M_USER_SUSPENDED", MySuspended, { override: true });
    const dec2 = await decoder.withRegistry(mine);
    assert.instance(dec2.decode('{"errcode":"ORG.MATRIX.MSC3823.USER_SUSPENDED"}'), MySuspended);
    assert.not.instance(decoder.decode('{"errcode":"M_FORBIDDEN"}'), MyForbidden);
  });

  test(`${label}: a decoded NonMatrixResponse is the same with any registry`, async () => {
    const dec = await decoder.withRegistry(new Registry({ builtins: false }));
    assert.instance(dec.decode("<html>"), NonMatrixResponse);
  });
}

/** Misuse of a registry: each a TypeError whose message names the problem; the registry is unchanged. */
export function registryMisuseSuite(): void {
  const snapshot = (r: Registry): string => JSON.stringify(r.codes().map((c) => [c, r.get(c)?.name]));

  test("registry: invalid errcodes are TypeErrors naming the rule", () => {
    const r = new Registry();
    const before = snapshot(r);
    for (const bad of ["", "m_lower", "HAS SPACE", "A".repeat(256), 5, null, undefined, "M_FÖRBIDDEN", "X-Y"]) {
      assert.throws(
        () => r.register(bad as string, QuotaExceeded),
        (e: unknown) => e instanceof TypeError && /1 to 255 characters/.test(e.message),
        String(bad),
      );
    }
    r.register("A".repeat(255), class extends ErrorResponse {});
    assert.is(snapshot(r).length > before.length, true);
  });

  test("registry: a class that is not an ErrorResponse subclass is a TypeError", () => {
    const r = new Registry();
    const before = snapshot(r);
    for (const bad of [Error, class {}, () => {}, {}, null, ErrorResponse, NonMatrixResponse, "Forbidden"]) {
      assert.throws(
        () => r.register("COM.X", bad as never),
        (e: unknown) => e instanceof TypeError && /subclass of ErrorResponse/.test(e.message),
      );
    }
    assert.throws(
      () => r.register("COM.X", Forbidden),
      (e: unknown) => e instanceof TypeError && /static errcode "M_FORBIDDEN"/.test(e.message),
    );
    assert.is(snapshot(r), before);
  });

  test("registry: duplicates need override; aliases need a registered target and no cycle", () => {
    const r = new Registry();
    assert.throws(
      () => r.register("M_FORBIDDEN", class extends ErrorResponse {}),
      (e: unknown) => e instanceof TypeError && /already registered/.test(e.message),
    );
    assert.throws(
      () => r.register("ORG.MATRIX.MSC3823.USER_SUSPENDED", class extends ErrorResponse {}),
      (e: unknown) => e instanceof TypeError && /already registered/.test(e.message),
    );
    assert.throws(
      () => r.alias("COM.X.OLD", "COM.X.NEW"),
      (e: unknown) => e instanceof TypeError && /COM.X.NEW is not registered/.test(e.message),
    );
    r.register("COM.X.A", class extends ErrorResponse {}).alias("COM.X.B", "COM.X.A");
    assert.throws(
      () => r.alias("COM.X.A", "COM.X.B", { override: true }),
      (e: unknown) => e instanceof TypeError && /alias cycle/.test(e.message),
    );
    assert.throws(
      () => r.alias("COM.X.B", "M_FORBIDDEN"),
      (e: unknown) => e instanceof TypeError && /already registered/.test(e.message),
    );
    assert.is(r.get("COM.X.B"), r.get("COM.X.A"));
  });

  test("registry: lookups of prototype names find nothing; registries are independent", () => {
    const r = new Registry();
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "prototype"]) {
      assert.is(r.get(name), undefined, name);
      assert.is(r.has(name), false, name);
    }
    assert.is(r.get(5 as never), undefined);
    const a = new Registry();
    const b = new Registry();
    a.register("COM.EXAMPLE.QUOTA_EXCEEDED", QuotaExceeded);
    assert.ok(a.has("COM.EXAMPLE.QUOTA_EXCEEDED"));
    assert.not.ok(b.has("COM.EXAMPLE.QUOTA_EXCEEDED"));
    assert.not.ok(registry.has("COM.EXAMPLE.QUOTA_EXCEEDED"));
    assert.is(new Registry({ builtins: false }).codes().length, 0);
    assert.is(registry.codes().length, 88);
    assert.ok(registry.has("ORG.MATRIX.MSC4155.M_INVITE_BLOCKED"));
  });
}
