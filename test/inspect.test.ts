// Logs (issue 12.5): console.log(err) shows what a human needs, never internal slots or headers.
import { inspect } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decode, ErrorResponse, Registry } from "../src/index.js";

const headers = new Headers({ "retry-after": "3", authorization: "Bearer secret-token", "set-cookie": "s=1" });

test("util.inspect: class, errcode, status, message, retryAfterMs and body", () => {
  const err = decode('{"errcode":"M_LIMIT_EXCEEDED","error":"Too many","retry_after_ms":2000}', {
    status: 429,
    headers,
  });
  const text = inspect(err);
  for (const part of [
    "LimitExceeded",
    "M_LIMIT_EXCEEDED",
    "429",
    "Too many",
    "retryAfterMs: 3000",
    "retry_after_ms: 2000",
  ]) {
    assert.ok(text.includes(part), `shows ${part}:\n${text}`);
  }
  // The body once, no symbol slots, and nothing of the response's headers.
  assert.is(text.split("retry_after_ms").length - 1, 1, text);
  for (const hidden of ["Symbol(", "secret-token", "set-cookie", "Headers"]) {
    assert.not.ok(text.includes(hidden), `hides ${hidden}:\n${text}`);
  }
});

test("util.inspect: NonMatrixResponse shows reason, proxy and raw; never throws for hostile classes", () => {
  const page = decode("<html><center>nginx</center></html>", { status: 502 });
  const text = inspect(page);
  for (const part of ["NonMatrixResponse", "not_json", "nginx", "502"]) assert.ok(text.includes(part), text);
  class Hostile extends ErrorResponse {
    static override readonly errcode = "COM.EXAMPLE.HOSTILE";
    override get retryable(): boolean {
      throw new Error("no");
    }
  }
  const err = new Registry().register("COM.EXAMPLE.HOSTILE", Hostile).decode({ errcode: "COM.EXAMPLE.HOSTILE" });
  assert.type(inspect(err), "string");
});

test.run();
