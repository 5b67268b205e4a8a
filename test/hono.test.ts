// A real Hono app (4.13) whose handlers throw matrix-errors classes, with no onError: Hono's
// default error handler calls getResponse(), so the client gets Matrix JSON with the right
// status and headers.
import { Hono } from "hono";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { Forbidden, LimitExceeded } from "../src/index.js";

const app = new Hono();
app.get("/forbidden", () => {
  throw new Forbidden({ errcode: "M_FORBIDDEN", error: "You are not invited to this room." });
});
app.post("/send", () => {
  throw new LimitExceeded({ errcode: "M_LIMIT_EXCEEDED", error: "Slow down", retry_after_ms: 2500 });
});
app.get("/plain", () => {
  throw new Error("not a Matrix error");
});

test("a thrown Forbidden is answered 403 with its Matrix JSON body", async () => {
  const res = await app.request("/forbidden");
  assert.is(res.status, 403);
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  assert.equal(await res.json(), { errcode: "M_FORBIDDEN", error: "You are not invited to this room." });
  assert.is(res.headers.get("retry-after"), null);
  console.log(
    "  covered: hono 4.13 app.request: thrown ErrorResponse answered as Matrix JSON by Hono's own error handler",
  );
});

test("a thrown LimitExceeded is answered 429 with Retry-After (whole seconds, rounded up), exposed to other origins, and retry_after_ms kept", async () => {
  const res = await app.request("/send", { method: "POST" });
  assert.is(res.status, 429);
  assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
  assert.is(res.headers.get("retry-after"), "3");
  assert.match(res.headers.get("access-control-expose-headers") ?? "", /retry-after/i);
  assert.equal(await res.json(), { errcode: "M_LIMIT_EXCEEDED", error: "Slow down", retry_after_ms: 2500 });
});

test("a thrown plain Error still gets Hono's own 500 (the adapter changes nothing else)", async () => {
  const res = await app.request("/plain");
  assert.is(res.status, 500);
  assert.not.match(res.headers.get("content-type") ?? "", /json/);
});

test.run();
