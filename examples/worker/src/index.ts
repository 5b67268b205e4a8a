/**
 * A Worker in front of a Matrix homeserver: it passes every request on to `HOMESERVER_URL` and,
 * when the homeserver answers with an error, decodes it with the WASM decoder and answers with a
 * short JSON summary instead. `GET /_demo/limit-exceeded` shows the other direction: a Matrix
 * error built in the Worker and sent with `toResponse()`.
 */
import { LimitExceeded } from "matrix-errors";
import { createWasmDecoder, type WasmDecoder } from "matrix-errors/wasm";

export interface Env {
  /** The homeserver's base URL, e.g. `https://matrix-client.matrix.org`. */
  HOMESERVER_URL: string;
}

// `matrix-errors/wasm` resolves to the Workers loader here (the `workerd` export condition): it
// imports `decoder.wasm` as a compiled module, so nothing is compiled from bytes at run time.
// One decoder per isolate, created on the first error.
let decoder: Promise<WasmDecoder> | undefined;

async function summarise(res: Response): Promise<Response> {
  decoder ??= createWasmDecoder();
  const err = await (await decoder).decodeResponse(res, { captureStack: false });
  const summary = {
    class: err.name,
    errcode: err.errcode,
    message: err.message,
    retryAfterMs: err.retryAfterMs ?? null,
    isSoftLogout: err.isSoftLogout,
  };
  const headers = new Headers({ "content-type": "application/json" });
  const retryAfter = res.headers.get("retry-after");
  if (retryAfter !== null) headers.set("retry-after", retryAfter);
  return new Response(JSON.stringify(summary), { status: res.status, headers });
}

function limitExceeded(url: URL): Response {
  const retryAfterMs = Number(url.searchParams.get("retry_after_ms") ?? "2000");
  // 429 (the code's default status), JSON body, `Retry-After` in whole seconds rounded up.
  return LimitExceeded.create("Too many requests", { retryAfterMs }).toResponse();
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/_demo/limit-exceeded") return limitExceeded(url);
    const upstream = new URL(url.pathname + url.search, env.HOMESERVER_URL);
    const res = await fetch(new Request(upstream, request));
    return res.status >= 400 ? summarise(res) : res;
  },
};
