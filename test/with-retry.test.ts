// withRetry: a real local HTTP server for the whole loop, fake timers for the arithmetic.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Clock, install } from "@sinonjs/fake-timers";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  ErrorResponse,
  Forbidden,
  LimitExceeded,
  NonMatrixResponse,
  Registry,
  type ResponseDecodeOptions,
  Unknown,
} from "../src/index.js";
import { type RetryOptions, withRetry } from "../src/with-retry.js";

// Real setImmediate (only setTimeout/clearTimeout are faked): lets streams and promises settle.
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function withClock(run: (clock: Clock) => Promise<void>): Promise<void> {
  const clock = install({ toFake: ["setTimeout", "clearTimeout"], now: 0 });
  try {
    await run(clock);
  } finally {
    clock.uninstall();
  }
}

/** What became of a body: read to its end, cancelled, or neither (still open). */
interface BodyLog {
  state: "open" | "read" | "cancelled";
}

function tracked(status: number, text: string, log: BodyLog[], headers?: Record<string, string>): Response {
  const entry: BodyLog = { state: "open" };
  log.push(entry);
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) {
          entry.state = "read";
          controller.close();
          return;
        }
        // 8 bytes a chunk, so a size limit can stop the read half-way.
        controller.enqueue(bytes.slice(offset, offset + 8));
        offset += 8;
      },
      cancel() {
        entry.state = "cancelled";
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, headers === undefined ? { status } : { status, headers });
}

const sequence = (values: number[]): (() => number) => {
  let i = 0;
  return () => values[i++ % values.length] as number;
};

/** The outcome of a promise, as a value: never an unhandled rejection while the clock is fake. */
const outcome = <T>(p: Promise<T>): Promise<{ ok: T } | { error: unknown }> =>
  p.then(
    (ok) => ({ ok }),
    (error: unknown) => ({ error }),
  );

test("a real local server: 429 Retry-After 1, 503, nginx HTML 502, dropped connection, then 200", async () => {
  const nginx502 =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.27.4</center>\r\n</body>\r\n</html>\r\n";
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    switch (requests) {
      case 1:
        res.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
        res.end('{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":1000}');
        return;
      case 2:
        res.writeHead(503, { "content-type": "application/json" });
        res.end('{"errcode":"M_UNKNOWN","error":"Service unavailable"}');
        return;
      case 3:
        res.writeHead(502, { "content-type": "text/html", server: "nginx/1.27.4" });
        res.end(nginx502);
        return;
      case 4:
        req.socket.destroy();
        return;
      default:
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"event_id":"$ok"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const sent: number[] = [];
    const retries: [string, number, number][] = [];
    const started = performance.now();
    const res = await withRetry(
      (attempt) => {
        sent.push(attempt);
        return fetch(`http://127.0.0.1:${port}/_matrix/client/v3/rooms/!r/send/m.room.message/t${attempt}`);
      },
      {
        maxAttempts: 5,
        baseDelayMs: 10,
        random: () => 0,
        onRetry: (error, delay, attempt) => {
          retries.push([(error as Error).constructor.name, delay, attempt]);
        },
      },
    );
    const elapsed = performance.now() - started;
    assert.is(res.status, 200);
    assert.equal(await res.json(), { event_id: "$ok" });
    assert.equal(sent, [1, 2, 3, 4, 5]);
    assert.is(requests, 5);
    // 429: the server's 1 s, exact; then 10 × 2^(n-1) × 0.5 (random 0).
    assert.equal(retries, [
      [LimitExceeded.name, 1000, 1],
      [Unknown.name, 10, 2],
      [NonMatrixResponse.name, 20, 3],
      [TypeError.name, 40, 4],
    ]);
    assert.ok(elapsed >= 1000, `the 1 s Retry-After was waited (${elapsed} ms)`);
    console.log(
      `  covered: withRetry vs a 127.0.0.1 server (429 Retry-After, 503, nginx 502, dropped, 200): ${elapsed.toFixed(0)} ms for 5 sends`,
    );
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test("fake timers: computed delays exactly (backoff × jitter), sends at those instants, then the last decoded error", async () => {
  await withClock(async (clock) => {
    const at: number[] = [];
    const retries: [unknown, number, number][] = [];
    const run = outcome(
      withRetry(
        async () => {
          at.push(clock.now);
          return new Response("", { status: 503 });
        },
        { random: sequence([0, 0.5, 0.25]), onRetry: (e, d, a) => retries.push([e, d, a]) },
      ),
    );
    await settle();
    assert.equal(at, [0]);
    await clock.tickAsync(499);
    await settle();
    assert.equal(at, [0], "not before 500 ms");
    await clock.tickAsync(1);
    await settle();
    assert.equal(at, [0, 500]);
    await clock.tickAsync(1500);
    await settle();
    assert.equal(at, [0, 500, 2000]);
    await clock.tickAsync(2500);
    await settle();
    assert.equal(at, [0, 500, 2000, 4500]);
    const result = await run;
    assert.ok("error" in result);
    const err = (result as { error: ErrorResponse }).error;
    assert.instance(err, NonMatrixResponse);
    assert.is(err.status, 503);
    assert.equal(
      retries.map(([, d, a]) => [d, a]),
      [
        [500, 1],
        [1500, 2],
        [2500, 3],
      ],
    );
    for (const [e] of retries) assert.instance(e, NonMatrixResponse);
    assert.is(clock.countTimers(), 0);
  });
});

test("fake timers: the server's Retry-After is waited exactly, with no jitter", async () => {
  await withClock(async (clock) => {
    const at: number[] = [];
    const run = outcome(
      withRetry(async (attempt) => {
        at.push(clock.now);
        return attempt === 1
          ? new Response('{"errcode":"M_LIMIT_EXCEEDED"}', { status: 429, headers: { "retry-after": "3" } })
          : new Response("ok");
      }),
    );
    await settle();
    await clock.tickAsync(2999);
    await settle();
    assert.equal(at, [0]);
    await clock.tickAsync(1);
    const result = await run;
    assert.equal(at, [0, 3000]);
    assert.ok("ok" in result && result.ok.status === 200);
  });
});

test("fake timers: a wait longer than setTimeout's 2^31-1 ms limit is waited in full", async () => {
  await withClock(async (clock) => {
    const at: number[] = [];
    const run = outcome(
      withRetry(
        async (attempt) => {
          at.push(clock.now);
          return attempt === 1
            ? new Response('{"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":2500000000}', { status: 429 })
            : new Response("ok");
        },
        { maxDelayMs: 3e9 },
      ),
    );
    await settle();
    await clock.tickAsync(2_147_483_647);
    await settle();
    assert.equal(at, [0], "not at the 32-bit limit");
    await clock.tickAsync(2_500_000_000 - 2_147_483_647);
    const result = await run;
    assert.equal(at, [0, 2_500_000_000]);
    assert.ok("ok" in result);
  });
});

test("fake timers: abort during the wait rejects at once with signal.reason; no further send, no timer left", async () => {
  await withClock(async (clock) => {
    const controller = new AbortController();
    let sends = 0;
    let settled = false;
    const run = outcome(
      withRetry(
        async () => {
          sends++;
          return new Response("", { status: 502 });
        },
        { signal: controller.signal, jitter: false },
      ),
    ).finally(() => {
      settled = true;
    });
    await settle();
    await clock.tickAsync(100);
    assert.is(clock.countTimers(), 1, "waiting");
    const reason = { why: "user left the room" };
    controller.abort(reason);
    await settle();
    assert.ok(settled, "rejected without the clock moving");
    assert.equal(await run, { error: reason });
    assert.is(clock.countTimers(), 0, "the timer is cleared");
    await clock.tickAsync(10_000);
    assert.is(sends, 1);
  });
});

test("abort before the first send rejects with the reason and sends nothing", async () => {
  let sends = 0;
  const reason = new Error("gone");
  const result = await outcome(
    withRetry(
      async () => {
        sends++;
        return new Response("ok");
      },
      { signal: AbortSignal.abort(reason) },
    ),
  );
  assert.equal(result, { error: reason });
  assert.is(sends, 0);
});

test("abort during send: a fetch-like send that rejects on abort gives signal.reason, not retried", async () => {
  const controller = new AbortController();
  let sends = 0;
  const run = outcome(
    withRetry(
      (_attempt) => {
        sends++;
        return new Promise<Response>((_resolve, reject) => {
          controller.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        });
      },
      { signal: controller.signal },
    ),
  );
  await settle();
  const reason = new Error("cancelled by the user");
  controller.abort(reason);
  assert.equal(await run, { error: reason });
  assert.is(sends, 1);
});

test("abort during send: a send that ignores it and answers 503 is not retried, and its body is cancelled", async () => {
  const controller = new AbortController();
  const bodies: BodyLog[] = [];
  let sends = 0;
  const result = await outcome(
    withRetry(
      async () => {
        sends++;
        controller.abort("stop");
        return tracked(503, '{"errcode":"M_UNKNOWN"}', bodies);
      },
      { signal: controller.signal },
    ),
  );
  assert.equal(result, { error: "stop" });
  assert.is(sends, 1);
  assert.equal(
    bodies.map((b) => b.state),
    ["cancelled"],
  );
});

test("fake timers: a network failure (send throws) is retried with computed backoff; the next 200 resolves", async () => {
  await withClock(async (clock) => {
    const retries: [unknown, number, number][] = [];
    const failure = new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
    const ok = new Response("ok");
    const run = outcome(
      withRetry(
        async (attempt) => {
          if (attempt === 1) throw failure;
          return ok;
        },
        { random: () => 0, onRetry: (e, d, a) => retries.push([e, d, a]) },
      ),
    );
    await settle();
    await clock.tickAsync(500);
    const result = await run;
    assert.equal(result, { ok });
    assert.equal(retries, [[failure, 500, 1]]);
  });
});

test("a network failure is not retried when idempotent is false (the request may have gone through)", async () => {
  let sends = 0;
  const failure = new TypeError("fetch failed");
  const result = await outcome(
    withRetry(
      async () => {
        sends++;
        throw failure;
      },
      { idempotent: false },
    ),
  );
  assert.equal(result, { error: failure });
  assert.is(sends, 1);
});

test("an AbortError thrown by send (no signal given) rejects at once: not retried", async () => {
  for (const thrown of [new DOMException("The operation was aborted", "AbortError"), namedError("AbortError")]) {
    let sends = 0;
    let retried = false;
    const result = await outcome(
      withRetry(
        async () => {
          sends++;
          throw thrown;
        },
        { onRetry: () => (retried = true) },
      ),
    );
    assert.equal(result, { error: thrown });
    assert.is(sends, 1);
    assert.not.ok(retried);
  }
});

function namedError(name: string): Error {
  const e = new Error("aborted");
  e.name = name;
  return e;
}

test("give up: a permanent error rejects with the decoded ErrorResponse after one send", async () => {
  let sends = 0;
  const result = await outcome(
    withRetry(async () => {
      sends++;
      return new Response('{"errcode":"M_FORBIDDEN","error":"You are not invited"}', { status: 403 });
    }),
  );
  assert.ok("error" in result);
  const err = (result as { error: unknown }).error;
  assert.instance(err, Forbidden);
  assert.is((err as Forbidden).message, "You are not invited");
  assert.is((err as Forbidden).status, 403);
  assert.is(sends, 1);
});

test("fake timers: maxAttempts is never exceeded, for failing responses and for throwing sends", async () => {
  await withClock(async (clock) => {
    const cases: [RetryOptions, number][] = [
      [{ maxAttempts: 3 }, 3],
      [{ maxAttempts: 1 }, 1],
      [{}, 4],
      [{ maxAttempts: Number.NaN }, 4],
      [{ maxAttempts: -2 }, 4],
      [{ maxAttempts: 2.5 }, 2],
    ];
    for (const throwing of [false, true]) {
      for (const [options, expected] of cases) {
        let sends = 0;
        const run = outcome(
          withRetry(
            async () => {
              sends++;
              if (throwing) throw new TypeError("fetch failed");
              return new Response("", { status: 503 });
            },
            { ...options, baseDelayMs: 10 },
          ),
        );
        for (let i = 0; i < 10; i++) {
          await settle();
          await clock.tickAsync(1000);
        }
        const result = await run;
        assert.ok("error" in result);
        assert.is(sends, expected, `${JSON.stringify(options)} throwing=${throwing}`);
      }
    }
  });
});

test("bodies: every failed body is read to its end or cancelled; the returned one is untouched", async () => {
  const bodies: BodyLog[] = [];
  const answers = [
    () => tracked(503, '{"errcode":"M_UNKNOWN","error":"down for maintenance"}', bodies),
    () => tracked(502, `<html>${"x".repeat(200)}</html>`, bodies),
    () => tracked(200, '{"event_id":"$1"}', bodies),
  ];
  const res = await withRetry(async (attempt) => (answers[attempt - 1] as () => Response)(), {
    baseDelayMs: 0,
    maxBytes: 64,
  });
  assert.equal(
    bodies.map((b) => b.state),
    ["read", "cancelled", "open"],
  );
  assert.equal(await res.json(), { event_id: "$1" });
});

test("bodies: a registry whose decodeResponse leaves the body unread still gets it cancelled", async () => {
  class Lazy extends Registry {
    override decodeResponse(res: Response, _options?: ResponseDecodeOptions): Promise<ErrorResponse> {
      return Promise.resolve(this.decode("<html>busy</html>", { status: res.status }));
    }
  }
  const bodies: BodyLog[] = [];
  const res = await withRetry(async (attempt) => (attempt === 1 ? tracked(503, "busy", bodies) : new Response("ok")), {
    registry: new Lazy(),
    baseDelayMs: 0,
  });
  assert.is(await res.text(), "ok");
  assert.equal(
    bodies.map((b) => b.state),
    ["cancelled"],
  );
});

test("the given registry decodes failed responses, with maxBytes and captureStack", async () => {
  class Quota extends ErrorResponse {
    static override readonly errcode = "COM.EXAMPLE.QUOTA";
  }
  const own = new Registry().register("COM.EXAMPLE.QUOTA", Quota);
  const result = await outcome(
    withRetry(async () => new Response('{"errcode":"COM.EXAMPLE.QUOTA"}', { status: 403 }), {
      registry: own,
      captureStack: false,
    }),
  );
  assert.ok("error" in result);
  assert.instance((result as { error: unknown }).error, Quota);
  const big = await outcome(
    withRetry(async () => new Response(`{"errcode":"M_FORBIDDEN","error":"${"x".repeat(100)}"}`, { status: 403 }), {
      maxBytes: 16,
    }),
  );
  const err = (big as { error: NonMatrixResponse }).error;
  assert.instance(err, NonMatrixResponse);
  assert.is(err.reason, "too_large");
});

test("an onRetry that throws stops the loop: it rejects with what onRetry threw, no timer left", async () => {
  await withClock(async (clock) => {
    let sends = 0;
    const thrown = new Error("logger broke");
    const result = await outcome(
      withRetry(
        async () => {
          sends++;
          return new Response("", { status: 503 });
        },
        {
          onRetry: () => {
            throw thrown;
          },
        },
      ),
    );
    assert.equal(result, { error: thrown });
    assert.is(sends, 1);
    assert.is(clock.countTimers(), 0);
  });
});

test("never throws for hostile options: throwing getters, wrong types and a throwing registry are the defaults", async () => {
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error("hostile");
      },
    },
  );
  const getters: Record<string, unknown> = {};
  for (const key of ["signal", "onRetry", "registry", "maxBytes", "captureStack", "maxAttempts", "random", "jitter"]) {
    Object.defineProperty(getters, key, {
      get() {
        throw new Error(key);
      },
    });
  }
  const variants: unknown[] = [
    hostile,
    getters,
    null,
    42,
    "fast",
    { signal: {}, onRetry: 5, registry: {}, maxBytes: "x", captureStack: "yes", baseDelayMs: 0 },
    { registry: { decodeResponse: () => Promise.reject(new Error("boom")) }, baseDelayMs: 0 },
    {
      registry: {
        decodeResponse() {
          throw new Error("boom");
        },
      },
      random: () => {
        throw new Error("no entropy");
      },
      baseDelayMs: 0,
    },
  ];
  await withClock(async (clock) => {
    for (const [index, options] of variants.entries()) {
      let sends = 0;
      const run = outcome(
        withRetry(async () => {
          sends++;
          return sends === 1 ? new Response("", { status: 503 }) : new Response("ok");
        }, options as RetryOptions),
      );
      // The defaults wait up to 1 s before the second send.
      await settle();
      await clock.tickAsync(1000);
      const result = await run;
      assert.ok("ok" in result, `variant ${index}`);
      assert.is(await (result as { ok: Response }).ok.text(), "ok");
      assert.is(sends, 2);
    }
  });
});

test("send that is not a function rejects with a TypeError; a send resolving a non-Response gives up with the decoded error", async () => {
  const notFn = await outcome(withRetry(42 as unknown as () => Promise<Response>));
  assert.instance((notFn as { error: unknown }).error, TypeError);
  let sends = 0;
  const result = await outcome(
    withRetry(async () => {
      sends++;
      return undefined as unknown as Response;
    }),
  );
  const err = (result as { error: NonMatrixResponse }).error;
  assert.instance(err, NonMatrixResponse);
  assert.is(err.reason, "unreadable");
  assert.is(sends, 1);
});

test.run();
