// The stub homeserver of the workerd test (test/workerd/homeserver.js, a Worker's fetch handler)
// served by Node on 127.0.0.1, on a port the kernel picks, for runtimes that reach it over HTTP.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root } from "../helpers/pack.js";

/** A running stub: its base URL, the requests it answered, and how to stop it. */
export interface StubHomeserver {
  url: string;
  seen: { method: string; path: string }[];
  close(): Promise<void>;
}

type Handler = { fetch(request: Request): Promise<Response> };

async function answer(handler: Handler, req: IncomingMessage, res: ServerResponse, base: string): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? null : Buffer.concat(chunks);
  const response = await handler.fetch(new Request(new URL(req.url ?? "/", base), { method, headers, body }));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Starts the stub on 127.0.0.1 (port chosen by the kernel). */
export async function startStubHomeserver(): Promise<StubHomeserver> {
  const module = pathToFileURL(join(root, "test", "workerd", "homeserver.js")).href;
  const handler = ((await import(module)) as { default: Handler }).default;
  const seen: StubHomeserver["seen"] = [];
  let base = "";
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? "", path: req.url ?? "" });
    answer(handler, req, res, base).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(`stub homeserver failed: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port free on 127.0.0.1 right now (for tools that must be told their port). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
