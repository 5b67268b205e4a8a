// decodeResponse: status and headers from the response, a size limit on the stream, never rejects.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LimitExceeded, NonMatrixResponse } from "../../src/index.js";
import type { Decoder } from "../helpers/decoder.js";

function streamOf(
  chunks: Uint8Array[],
  fail?: Error,
): { stream: ReadableStream<Uint8Array>; pulls: () => number; cancelled: () => boolean } {
  let i = 0;
  let pulls = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulls++;
      if (i < chunks.length) controller.enqueue(chunks[i++] as Uint8Array);
      else if (fail) controller.error(fail);
      else controller.close();
    },
    cancel() {
      cancelled = true;
    },
  });
  return { stream, pulls: () => pulls, cancelled: () => cancelled };
}

export function responseSuite(decoder: Decoder): void {
  const { label } = decoder;

  test(`${label}: decodeResponse takes the status and Retry-After of the response`, async () => {
    const res = new Response('{"errcode":"M_LIMIT_EXCEEDED","error":"slow down","retry_after_ms":100}', {
      status: 429,
      headers: { "Retry-After": "7" },
    });
    const result = await decoder.decodeResponse(res);
    assert.instance(result, LimitExceeded);
    assert.is(result.status, 429);
    assert.is(result.retryAfterMs, 7000);
  });

  test(`${label}: decodeResponse stops reading at maxBytes and cancels the stream`, async () => {
    const chunk = new Uint8Array(1024).fill(0x61);
    const source = streamOf(Array.from({ length: 100 }, () => chunk));
    const result = await decoder.decodeResponse(new Response(source.stream, { status: 500 }), { maxBytes: 4096 });
    assert.instance(result, NonMatrixResponse);
    assert.is((result as NonMatrixResponse).reason, "too_large");
    assert.is((result as NonMatrixResponse).raw, "a".repeat(1024));
    assert.ok(source.pulls() <= 8, `pulled ${source.pulls()} chunks`);
    assert.ok(source.cancelled(), "stream cancelled");
  });

  test(`${label}: a body split across chunks, and multi-byte characters across chunk ends`, async () => {
    const bytes = new TextEncoder().encode('{"errcode":"M_FORBIDDEN","error":"Zugriff verweigert — ✓"}');
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    const result = await decoder.decodeResponse(new Response(streamOf(chunks).stream, { status: 403 }));
    assert.is(result.message, "Zugriff verweigert — ✓");
    assert.is(result.status, 403);
  });

  test(`${label}: a stream that errors mid-way is unreadable, with what was read in raw`, async () => {
    const source = streamOf([new TextEncoder().encode('{"errcode":')], new Error("connection reset"));
    const result = await decoder.decodeResponse(new Response(source.stream, { status: 502 }));
    assert.instance(result, NonMatrixResponse);
    assert.is((result as NonMatrixResponse).reason, "unreadable");
    assert.is((result as NonMatrixResponse).raw, '{"errcode":');
    assert.is(result.status, 502);
  });

  test(`${label}: a used body, a null body, and things that are not responses`, async () => {
    const used = new Response('{"errcode":"M_FORBIDDEN"}', { status: 403 });
    await used.text();
    const a = (await decoder.decodeResponse(used)) as NonMatrixResponse;
    assert.is(a.reason, "unreadable");
    assert.is(a.status, 403);
    const b = (await decoder.decodeResponse(new Response(null, { status: 504 }))) as NonMatrixResponse;
    assert.is(b.reason, "empty");
    assert.is(b.status, 504);
    for (const value of [undefined, null, "{}", 42, {}, { status: 400 }]) {
      const c = (await decoder.decodeResponse(value as never)) as NonMatrixResponse;
      assert.instance(c, NonMatrixResponse);
      assert.is(c.reason, "unreadable");
    }
  });

  test(`${label}: an HTML proxy page with Retry-After still gives the wait`, async () => {
    const res = new Response("<html>503 Service Unavailable</html>", { status: 503, headers: { "retry-after": "30" } });
    const result = (await decoder.decodeResponse(res)) as NonMatrixResponse;
    assert.is(result.reason, "not_json");
    assert.is(result.retryAfterMs, 30_000);
    assert.is(result.raw, "<html>503 Service Unavailable</html>");
  });

  test(`${label}: captureStack: false is honoured by decodeResponse`, async () => {
    const res = new Response('{"errcode":"M_FORBIDDEN"}', { status: 403 });
    const result = await decoder.decodeResponse(res, { captureStack: false });
    assert.is(result.stack, undefined);
  });
}
