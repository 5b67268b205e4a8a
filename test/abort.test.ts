// A long-lived AbortSignal (one per app or per room) passed to every read must not collect
// listeners: each decodeResponse removes the one it added when its read ends.
import { getEventListeners } from "node:events";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decodeResponse, Forbidden } from "../src/index.js";
import { wasmDecoder } from "./helpers/wasm.js";

const body = '{"errcode":"M_FORBIDDEN","error":"no"}';

test("decodeResponse(res, { signal }) leaves no listener on the signal, for both decoders", async () => {
  const controller = new AbortController();
  const wasm = await wasmDecoder();
  for (const decode of [decodeResponse, wasm.decodeResponse]) {
    for (let i = 0; i < 200; i++) {
      const err = await decode(new Response(body, { status: 403 }), { signal: controller.signal });
      assert.instance(err, Forbidden);
    }
    assert.is(getEventListeners(controller.signal, "abort").length, 0);
  }
});

test("an abort during the read answers unreadable, and the signal keeps no listener", async () => {
  const controller = new AbortController();
  const stream = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}) });
  const pending = decodeResponse(new Response(stream, { status: 502 }), { signal: controller.signal });
  controller.abort(new Error("user left"));
  const err = await pending;
  assert.is((err as { reason?: string }).reason, "unreadable");
  assert.is(getEventListeners(controller.signal, "abort").length, 0);
});

test.run();
