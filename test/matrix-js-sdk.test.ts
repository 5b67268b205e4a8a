// fromMatrixError on what a real matrix-js-sdk MatrixClient (37.5.0, over Node's fetch) throws
// against a stub homeserver on 127.0.0.1: a 429 with Retry-After (MatrixError), an HTML 502 from
// a proxy (HTTPError) and a dropped connection (ConnectionError). The client's retries are off
// (a scheduler that never retries), and the stub counts requests to prove it.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  ConnectionError,
  createClient,
  HTTPError,
  type MatrixClient,
  MatrixError,
  MatrixScheduler,
} from "matrix-js-sdk";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fromMatrixError } from "../src/from-matrix-error.js";
import { LimitExceeded, NonMatrixResponse } from "../src/index.js";

const LIMITED = { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests", retry_after_ms: 1500 };
const HTML = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
const hits = new Map<string, number>();
let server: Server;
let client: MatrixClient;

test.before(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0] ?? "";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path.endsWith("/account/whoami")) {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "3" }).end(JSON.stringify(LIMITED));
    } else if (path.endsWith("/joined_rooms")) {
      res.writeHead(502, { "content-type": "text/html", server: "nginx" }).end(HTML);
    } else if (path.includes("/profile/")) {
      req.socket.destroy();
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end('{"errcode":"M_UNRECOGNIZED","error":"?"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  client = createClient({
    baseUrl: `http://127.0.0.1:${port}`,
    accessToken: "syt_test",
    userId: "@alice:localhost",
    fetchFn: globalThis.fetch,
    scheduler: new MatrixScheduler(() => -1),
  });
});

test.after(async () => {
  client.stopClient();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function thrown(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("the client did not throw");
}

test("a 429 with Retry-After: the client throws MatrixError; fromMatrixError gives LimitExceeded, status 429, retryAfterMs from the header, cause the thrown error", async () => {
  const e = await thrown(() => client.whoami());
  assert.instance(e, MatrixError);
  const err = fromMatrixError(e);
  assert.instance(err, LimitExceeded);
  assert.is(err.errcode, "M_LIMIT_EXCEEDED");
  assert.is(err.status, 429);
  assert.is(err.retryAfterMs, 3000, "the header, not retry_after_ms");
  assert.is(err.message, "Too many requests");
  assert.equal(err.body, LIMITED);
  assert.is(err.cause, e);
  assert.is(hits.get("/_matrix/client/v3/account/whoami"), 1, "no retries");
});

test("an HTML 502 from a proxy: the client throws HTTPError; fromMatrixError gives NonMatrixResponse with status 502", async () => {
  const e = await thrown(() => client.getJoinedRooms());
  assert.instance(e, HTTPError);
  assert.not.instance(e, MatrixError);
  const err = fromMatrixError(e) as NonMatrixResponse;
  assert.instance(err, NonMatrixResponse);
  assert.is(err.errcode, "M_UNKNOWN");
  assert.is(err.status, 502);
  assert.is(err.reason, "not_json");
  assert.is(err.cause, e);
  assert.is(err.retryable, true);
  assert.is(err.proxy, "nginx", "the headers came along");
  assert.is(hits.get("/_matrix/client/v3/joined_rooms"), 1, "no retries");
});

test("a dropped connection: the client throws ConnectionError; fromMatrixError gives NonMatrixResponse (unreadable, no status)", async () => {
  const e = await thrown(() => client.getProfileInfo("@bob:localhost"));
  assert.instance(e, ConnectionError);
  const err = fromMatrixError(e) as NonMatrixResponse;
  assert.instance(err, NonMatrixResponse);
  assert.is(err.reason, "unreadable");
  assert.is(err.status, undefined);
  assert.is(err.cause, e);
  assert.is(hits.get("/_matrix/client/v3/profile/%40bob%3Alocalhost"), 1, "no retries");
  console.log(
    "  covered: matrix-js-sdk 37.5.0 MatrixClient vs a 127.0.0.1 stub: MatrixError 429, HTTPError 502, ConnectionError → fromMatrixError",
  );
});

test.run();
