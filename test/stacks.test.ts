// Stacks (issue 12.6): errors from decode and decodeResponse have stacks that start in the
// caller's code, not in the library's frames or the event loop.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decode, decodeResponse } from "../src/index.js";
import { wasmDecoder } from "./helpers/wasm.js";

const body = '{"errcode":"M_FORBIDDEN","error":"no"}';

function firstFrame(stack: string | undefined): string {
  return (stack ?? "").split("\n")[1] ?? "";
}

async function callerOfDecodeResponse(make: () => Promise<{ stack?: string | undefined }>): Promise<string> {
  return firstFrame((await make()).stack);
}

test("README: decode's stack starts at the caller", () => {
  const err = (function callerOfDecode() {
    return decode(body);
  })();
  assert.ok(firstFrame(err.stack).includes("callerOfDecode"), String(err.stack));
  assert.ok(String(err.stack).startsWith("Forbidden: no\n"), String(err.stack));
});

test("README: decodeResponse's stack starts at the caller, not in library frames", async () => {
  const frame = await callerOfDecodeResponse(() => decodeResponse(new Response(body, { status: 403 })));
  // The first frame is the caller's: the arrow in this file that called decodeResponse.
  assert.ok(frame.includes("stacks.test.js"), frame);
  const wasm = await wasmDecoder();
  const wasmFrame = await callerOfDecodeResponse(() => wasm.decodeResponse(new Response(body, { status: 403 })));
  assert.ok(wasmFrame.includes("stacks.test.js"), wasmFrame);
  // Failures while reading (here: a used body) too.
  const used = new Response(body);
  await used.text();
  const failed = await callerOfDecodeResponse(() => decodeResponse(used));
  assert.ok(failed.includes("stacks.test.js"), failed);
});

test("captureStack: false gives no stack on both paths", async () => {
  assert.is(decode(body, { captureStack: false }).stack, undefined);
  assert.is((await decodeResponse(new Response(body), { captureStack: false })).stack, undefined);
});

test.run();
