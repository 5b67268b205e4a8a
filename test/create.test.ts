// Hand-built errors (issue 12.3) and what servers send (12.7): the typed `create` of every
// built-in class, the errcode rule, and the headers and body of toResponse().
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  CODES,
  decode,
  decodeResponse,
  Forbidden,
  LimitExceeded,
  registry,
  Safety,
  UnknownToken,
  UserLocked,
} from "../src/index.js";

test("README: LimitExceeded.create with retryAfterMs sends Retry-After and retry_after_ms", async () => {
  const err = LimitExceeded.create("Slow down", { retryAfterMs: 2500 });
  assert.instance(err, LimitExceeded);
  assert.is(err.message, "Slow down");
  assert.is(err.retryAfterMs, 2500);
  const res = err.toResponse();
  assert.is(res.status, 429);
  assert.is(res.headers.get("retry-after"), "3");
  assert.is(res.headers.get("access-control-expose-headers"), "Retry-After");
  assert.equal(await res.json(), { errcode: "M_LIMIT_EXCEEDED", error: "Slow down", retry_after_ms: 2500 });
});

test("create: typed fields go on the wire under their wire names; status, headers, extra, cause", async () => {
  const expired = UnknownToken.create("Expired", { softLogout: true, status: 401, extra: { hint: 1 } });
  assert.equal(expired.body, { hint: 1, errcode: "M_UNKNOWN_TOKEN", error: "Expired", soft_logout: true });
  assert.is(expired.softLogout, true);
  assert.is(expired.isSoftLogout, true);
  assert.is(expired.status, 401);
  const cause = new Error("upstream");
  const safety = Safety.create("Blocked", { harms: ["m.spam"], expiry: 5, cause, headers: { "retry-after": "7" } });
  assert.equal(safety.harms, ["m.spam"]);
  assert.is(safety.expiry, 5);
  assert.is(safety.cause, cause);
  assert.is(safety.retryAfterMs, 7000);
  const back = await decodeResponse(safety.toResponse());
  assert.instance(back, Safety);
  assert.equal((back as Safety).harms, ["m.spam"]);
});

test("create: the class's errcode wins over extra.errcode, and nothing given is dropped", () => {
  const err = Forbidden.create("No", { extra: { errcode: "M_LIMIT_EXCEEDED", retry_after_ms: 1 } });
  assert.is(err.body.errcode, "M_FORBIDDEN");
  // From JavaScript, a value of the wrong type is sent as given and reads back as absent.
  const loose = UserLocked.create("Locked", { softLogout: "yes" } as never);
  assert.is(loose.body.soft_logout, "yes");
  assert.is(loose.softLogout, true, "UserLocked reads an absent soft_logout as true");
});

test("errcode rule: a built-in class never puts another code on the wire (decodes back to itself)", () => {
  const err = new Forbidden({ errcode: "M_LIMIT_EXCEEDED", error: "x" });
  assert.is(err.errcode, "M_FORBIDDEN");
  assert.is(err.toJSON().errcode, "M_FORBIDDEN");
  assert.instance(decode(err.toJSON()), Forbidden);
  // An unstable alias of the class's own code stays as it is (lossless).
  const suspended = decode({ errcode: "ORG.MATRIX.MSC3823.USER_SUSPENDED" });
  assert.is(suspended.toJSON().errcode, "ORG.MATRIX.MSC3823.USER_SUSPENDED");
});

test("create exists on every built-in class, never throws, and round-trips through toResponse", async () => {
  for (const row of CODES) {
    const cls = registry.get(row.errcode) as unknown as {
      create(message?: unknown, fields?: unknown): { errcode: string; toResponse(): Response };
    };
    for (const fields of [undefined, null, 5, {}, { status: 1 }, { extra: "x" }, { headers: 3 }]) {
      const made = cls.create(row.meaning, fields);
      assert.is(made.errcode, row.errcode);
      const back = await decodeResponse(made.toResponse());
      assert.is(back.errcode, row.errcode, `${row.errcode} back from toResponse`);
      assert.is(back.constructor, cls as unknown);
    }
  }
});

test("toResponse: a 429 body gains retry_after_ms from a Retry-After header", async () => {
  const err = decode({ errcode: "M_LIMIT_EXCEEDED", error: "x" }, { status: 429, headers: { "Retry-After": "4" } });
  const res = err.toResponse();
  assert.is(res.headers.get("retry-after"), "4");
  assert.equal(await res.json(), { errcode: "M_LIMIT_EXCEEDED", error: "x", retry_after_ms: 4000 });
  // Not on other statuses: a 503 with Retry-After keeps its body as it was.
  const busy = decode({ errcode: "M_UNKNOWN", error: "busy" }, { status: 503, headers: { "retry-after": "4" } });
  assert.equal(await busy.toResponse().json(), { errcode: "M_UNKNOWN", error: "busy" });
});

test.run();
