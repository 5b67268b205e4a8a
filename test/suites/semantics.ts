// Decoding semantics that custom decoders get wrong: JSON details, typed fields, aliases, waits.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  BadStatus,
  CODES,
  CustomErrorResponse,
  type ErrorResponse,
  ErrorResponse as ErrorResponseClass,
  Registry,
  UnknownToken,
  UserLimitExceeded,
  UserLocked,
} from "../../src/index.js";
import type { Decoder } from "../helpers/decoder.js";

/** The same body as a string, as bytes and as an object, all decoded. */
function all(decoder: Decoder, body: string, init?: Parameters<Decoder["decode"]>[1]): ErrorResponse[] {
  return [
    decoder.decode(body, init),
    decoder.decode(new TextEncoder().encode(body), init),
    decoder.decode(JSON.parse(body), init),
  ];
}

export function semanticsSuite(decoder: Decoder): void {
  const { label } = decoder;

  test(`${label}: every code of the table decodes to its class, in every form`, () => {
    for (const row of CODES) {
      for (const code of [row.errcode, ...("aliases" in row ? row.aliases : [])]) {
        for (const result of all(decoder, JSON.stringify({ errcode: code, error: "m" }))) {
          assert.is(result.name, row.name, code);
          assert.is(result.errcode, row.errcode, code);
          assert.is(result.body.errcode, code, code);
        }
      }
    }
  });

  test(`${label}: escapes in keys and values, duplicate keys (last wins), nesting skipped`, () => {
    const body =
      '{"err\\u0063ode":"M_\\u0046ORBIDDEN","error":"\\ud83d\\ude00 \\"q\\" \\/ \\b\\f\\n\\r\\t","x":[{"errcode":"M_NOT_FOUND"},[[]],{}],"error":"second \\u00e9"}';
    for (const result of all(decoder, body)) {
      assert.is(result.errcode, "M_FORBIDDEN");
      assert.is(result.message, "second é");
      assert.equal(result.body.x, [{ errcode: "M_NOT_FOUND" }, [[]], {}]);
    }
  });

  test(`${label}: a lone surrogate escape is kept as JSON.parse keeps it`, () => {
    for (const result of all(decoder, '{"errcode":"M_FORBIDDEN","error":"a\\ud800b"}')) {
      assert.is(result.message, "a\ud800b");
    }
  });

  test(`${label}: retry_after_ms edge values`, () => {
    const cases: [string, number | undefined][] = [
      ["-0", 0],
      ["1e3", 1000],
      ["1.5", 1.5],
      ["12345678901234567890", Number("12345678901234567890")],
      ["1e400", undefined],
      ["-1", undefined],
      ["null", undefined],
      ["true", undefined],
      ['"5"', undefined],
      ["[5]", undefined],
    ];
    for (const [raw, want] of cases) {
      for (const result of all(decoder, `{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":${raw}}`)) {
        assert.ok(Object.is(result.retryAfterMs, want), `${raw}: got ${result.retryAfterMs}`);
      }
    }
  });

  test(`${label}: retry_after_ms counts for every code, and the header wins`, () => {
    const [a] = all(decoder, '{"errcode":"M_UNKNOWN","retry_after_ms":10}');
    assert.is(a?.retryAfterMs, 10);
    const [b] = all(decoder, '{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":10}', { headers: [["RETRY-AFTER", "1"]] });
    assert.is(b?.retryAfterMs, 1000);
    const headers = new Headers({ "Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT" });
    const [c] = all(decoder, '{"errcode":"M_LIMIT_EXCEEDED"}', { headers, now: Date.UTC(2015, 9, 21, 7, 27, 0) });
    assert.is(c?.retryAfterMs, 60_000);
  });

  test(`${label}: typed fields of the wrong type read as absent, raw value still in body`, () => {
    for (const result of all(decoder, '{"errcode":"M_UNKNOWN_TOKEN","soft_logout":1}')) {
      assert.instance(result, UnknownToken);
      assert.is((result as UnknownToken).softLogout, false);
      assert.is(result.isSoftLogout, false);
      assert.is(result.body.soft_logout, 1);
    }
    for (const result of all(decoder, '{"errcode":"M_USER_LOCKED","soft_logout":"no"}')) {
      assert.instance(result, UserLocked);
      assert.is((result as UserLocked).softLogout, true);
      assert.is(result.isSoftLogout, true);
    }
    for (const result of all(decoder, '{"errcode":"M_USER_LOCKED","soft_logout":false}')) {
      assert.is((result as UserLocked).softLogout, false);
    }
    for (const result of all(decoder, '{"errcode":"M_BAD_STATUS","status":"500","body":{"a":1}}')) {
      assert.instance(result, BadStatus);
      assert.is((result as BadStatus).upstreamStatus, undefined);
      assert.is((result as BadStatus).upstreamBody, undefined);
    }
    for (const result of all(decoder, '{"errcode":"M_USER_LIMIT_EXCEEDED","info_uri":"https://a"}')) {
      assert.is((result as UserLimitExceeded).canUpgrade, undefined);
    }
  });

  test(`${label}: the unstable MSC4335 alias reads the unstable field names`, () => {
    const body =
      '{"errcode":"ORG.MATRIX.MSC4335_USER_LIMIT_EXCEEDED","org.matrix.msc4335.info_uri":"https://u","org.matrix.msc4335.can_upgrade":false}';
    for (const result of all(decoder, body)) {
      assert.instance(result, UserLimitExceeded);
      assert.is((result as UserLimitExceeded).infoUri, "https://u");
      assert.is((result as UserLimitExceeded).canUpgrade, false);
    }
  });

  test(`${label}: a message that is not a string gives a readable default`, () => {
    for (const result of all(decoder, '{"errcode":"M_NOT_FOUND","error":null}', { status: 404 })) {
      assert.is(result.message, "M_NOT_FOUND (no message from the server)");
    }
    for (const result of all(decoder, '{"errcode":"M_NOT_FOUND","error":""}')) {
      assert.is(result.message, "");
    }
  });

  test(`${label}: unknown codes keep every field, near misses are custom`, () => {
    for (const code of [
      "M_FORBIDDEM",
      "M_NOT_FOUNDX",
      "m_forbidden",
      "",
      " M_FORBIDDEN",
      "M_FORBIDDEN ",
      "toString",
      "hasOwnProperty",
      "__proto__",
      "valueOf",
    ]) {
      for (const result of all(decoder, JSON.stringify({ errcode: code, error: "x", n: [1] }))) {
        assert.instance(result, CustomErrorResponse, code);
        assert.is(result.errcode, code);
        assert.equal(result.body.n, [1]);
      }
    }
  });

  test(`${label}: captureStack: false captures no stack, and restores the limit`, () => {
    const limit = (Error as { stackTraceLimit?: number }).stackTraceLimit;
    const fast = decoder.decode('{"errcode":"M_FORBIDDEN","error":"x"}', { captureStack: false });
    assert.is(fast.stack, undefined);
    assert.instance(fast, Error);
    assert.is(String(fast), "Forbidden: x");
    const slow = decoder.decode('{"errcode":"M_FORBIDDEN","error":"x"}');
    assert.ok((slow.stack ?? "").split("\n").length > 1, "stack on by default");
    assert.is((Error as { stackTraceLimit?: number }).stackTraceLimit, limit);
  });

  test(`${label}: the stack trace starts at the caller, not in the library`, () => {
    function callerOfDecode(): ErrorResponse {
      return decoder.decode('{"errcode":"M_FORBIDDEN","error":"x"}');
    }
    const stack = callerOfDecode().stack ?? "";
    assert.ok(stack.startsWith("Forbidden: x\n"), stack);
    assert.ok(stack.includes("callerOfDecode"), stack);
    for (const internal of ["decodeInput", "construct", "fromBody", "decodeWith", "ErrorResponse"]) {
      assert.not.ok(stack.includes(internal), `${internal} in ${stack}`);
    }
  });

  test(`${label}: a registry without builtins decodes everything as custom`, async () => {
    const bare = await decoder.withRegistry(new Registry({ builtins: false }));
    const result = bare.decode('{"errcode":"M_FORBIDDEN"}');
    assert.instance(result, CustomErrorResponse);
    assert.instance(result, ErrorResponseClass);
  });
}
