// Guards recognise errors by a Symbol.for brand: across realms, not only by instanceof.
import { runInNewContext } from "node:vm";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decode, isErrcode, isErrorResponse } from "../src/index.js";

test("isErrorResponse: decoded values yes, plain errors and look-alikes no", () => {
  assert.ok(isErrorResponse(decode('{"errcode":"M_FORBIDDEN"}')));
  assert.ok(isErrorResponse(decode("<html>")));
  for (const value of [new Error("x"), { errcode: "M_FORBIDDEN" }, null, undefined, 1, "M_FORBIDDEN"]) {
    assert.not.ok(isErrorResponse(value));
  }
  const hostile = new Proxy(
    {},
    {
      get: () => {
        throw new Error("trap");
      },
    },
  );
  assert.not.ok(isErrorResponse(hostile), "never throws");
});

test("isErrorResponse: an object branded in another realm is recognised", () => {
  const foreign = runInNewContext(
    'const o = Object.create({ [Symbol.for("matrix-errors.ErrorResponse")]: true }); o.errcode = "M_FORBIDDEN"; o',
  );
  assert.ok(isErrorResponse(foreign));
  assert.ok(isErrcode(foreign, "M_FORBIDDEN"));
});

test("isErrcode: canonical codes and aliases both match", () => {
  const err = decode('{"errcode":"ORG.MATRIX.MSC3823.USER_SUSPENDED"}');
  assert.ok(isErrcode(err, "M_USER_SUSPENDED"));
  assert.ok(isErrcode(err, "ORG.MATRIX.MSC3823.USER_SUSPENDED"));
  assert.not.ok(isErrcode(err, "M_FORBIDDEN"));
  const custom = decode('{"errcode":"COM.EXAMPLE.X"}');
  assert.ok(isErrcode(custom, "COM.EXAMPLE.X"));
  assert.not.ok(isErrcode({ errcode: "M_FORBIDDEN" }, "M_FORBIDDEN"));
});

test.run();
