// Runs inside workerd (`workerd test`): every export with a test() is one test. Bundled by
// test/workerd.test.ts with esbuild and the Workers conditions, so `matrix-errors` and
// `matrix-errors/wasm` are the installed package as a Worker build resolves it.

import { Hono } from "hono";
import {
  CODES,
  CustomErrorResponse,
  decode,
  decodeResponse,
  Forbidden,
  LimitExceeded,
  NonMatrixResponse,
  UnknownToken,
} from "matrix-errors";
import decoderModule from "matrix-errors/decoder.wasm";
import { createWasmDecoder } from "matrix-errors/wasm";
import { checkVectors, deepEqual, initOf, inputOf, show } from "./check-vectors.mjs";
import decoderBytes from "./decoder.bin";
import vectors from "./vectors.json";

// ---------------------------------------------------------------------------------------------
// Small assertion helpers (no test framework inside the Worker).

function fail(message) {
  throw new Error(message);
}

function same(got, want, what) {
  if (!deepEqual(got, want)) fail(`${what}: got ${show(got)}, want ${show(want)}`);
}

async function refused(what, run) {
  try {
    await run();
  } catch (error) {
    if (!/disallowed by embedder/.test(String(error?.message))) fail(`${what}: unexpected error ${error}`);
    return String(error.message);
  }
  return fail(`${what}: was allowed`);
}

// ---------------------------------------------------------------------------------------------
// The shared vectors, in every input form a case lists, through both decoders: the checker the
// Deno and Bun tests run too (test/runtimes/check-vectors.mjs, copied beside this file).

export const vectorsAgree = {
  async test() {
    const wasm = await createWasmDecoder();
    const cases = vectors.cases;
    if (cases.length < 127) fail(`only ${cases.length} vector cases`);
    const { decodes, mismatches } = checkVectors({ cases, decode, wasmDecode: wasm.decode, codes: CODES });
    if (mismatches.length > 0) fail(`${mismatches.length} mismatches:\n${mismatches.slice(0, 20).join("\n")}`);
    console.log(`MATRIX_ERRORS vectors ${JSON.stringify({ cases: cases.length, decodes })}`);
  },
};

// ---------------------------------------------------------------------------------------------
// The loader does not compile from bytes, which this runtime refuses.

export const compileFromBytesRefused = {
  async test() {
    if (!(decoderBytes instanceof ArrayBuffer)) fail("decoder.bin is not an ArrayBuffer");
    // The bytes are a valid module: the refusals below are the runtime's, not bad input.
    if (!WebAssembly.validate(decoderBytes)) fail("decoder.wasm does not validate");
    const messages = [
      await refused("WebAssembly.compile(bytes)", () => WebAssembly.compile(decoderBytes)),
      await refused("new WebAssembly.Module(bytes)", () => new WebAssembly.Module(decoderBytes)),
      await refused("WebAssembly.instantiate(bytes)", () => WebAssembly.instantiate(decoderBytes, {})),
      await refused("createWasmDecoder(bytes)", () => createWasmDecoder(new Uint8Array(decoderBytes))),
    ];
    // What works: the module the runtime compiled from the `wasm` module import.
    if (!(decoderModule instanceof WebAssembly.Module)) fail("the .wasm import is not a WebAssembly.Module");
    const body = '{"errcode":"M_LIMIT_EXCEEDED","error":"slow","retry_after_ms":1500}';
    for (const wasm of [await createWasmDecoder(), await createWasmDecoder(decoderModule)]) {
      const err = wasm.decode(new TextEncoder().encode(body), { status: 429 });
      if (!(err instanceof LimitExceeded) || err.retryAfterMs !== 1500) fail(`decoded ${show(err.toJSON())}`);
    }
    console.log(`MATRIX_ERRORS refused ${JSON.stringify(messages[0])}`);
  },
};

// ---------------------------------------------------------------------------------------------
// The example Worker (a service binding), proxying to the stub homeserver.

async function viaExample(env, path, init) {
  const res = await env.EXAMPLE.fetch(`https://worker.test${path}`, init);
  return { status: res.status, headers: res.headers, json: await res.json() };
}

export const exampleDecodes429 = {
  async test(_controller, env) {
    const res = await viaExample(env, "/_matrix/client/v3/rooms/!r:hs/send/m.room.message/1", { method: "PUT" });
    same(res.status, 429, "status");
    same(res.headers.get("retry-after"), "3", "Retry-After passed on");
    same(res.headers.get("content-type"), "application/json", "content-type");
    // Retry-After (3 s) wins over the body's retry_after_ms (5000).
    same(
      res.json,
      {
        class: "LimitExceeded",
        errcode: "M_LIMIT_EXCEEDED",
        message: "Too many requests",
        retryAfterMs: 3000,
        isSoftLogout: false,
      },
      "summary",
    );
  },
};

export const exampleDecodesOtherErrors = {
  async test(_controller, env) {
    const cases = [
      [
        "/_matrix/client/v3/sync",
        401,
        { class: "UnknownToken", errcode: "M_UNKNOWN_TOKEN", message: "Access token has expired", isSoftLogout: true },
      ],
      [
        "/_matrix/client/v3/profile/@suspended:hs",
        403,
        {
          class: "UserSuspended",
          errcode: "M_USER_SUSPENDED",
          message: "Your account is suspended",
          isSoftLogout: false,
        },
      ],
      ["/_matrix/client/v3/proxy-down", 502, { class: "NonMatrixResponse", errcode: "M_UNKNOWN", isSoftLogout: false }],
    ];
    for (const [path, status, want] of cases) {
      const res = await viaExample(env, path);
      same(res.status, status, `${path}: status`);
      same(res.json.retryAfterMs, null, `${path}: retryAfterMs`);
      for (const [key, value] of Object.entries(want)) same(res.json[key], value, `${path}: ${key}`);
    }
  },
};

export const examplePassesSuccessThrough = {
  async test(_controller, env) {
    const res = await viaExample(env, "/_matrix/client/v3/login?x=1", {
      method: "POST",
      headers: { authorization: "Bearer abc" },
      body: '{"type":"m.login.password"}',
    });
    same(res.status, 200, "status");
    same(
      res.json,
      {
        method: "POST",
        url: "https://homeserver.test/_matrix/client/v3/login?x=1",
        authorization: "Bearer abc",
        body: '{"type":"m.login.password"}',
      },
      "what the homeserver saw",
    );
  },
};

// ---------------------------------------------------------------------------------------------
// toResponse(): the example's route, and a few classes built here.

export const toResponseStatusAndHeaders = {
  async test(_controller, env) {
    const res = await env.EXAMPLE.fetch("https://worker.test/_demo/limit-exceeded?retry_after_ms=1500");
    same(res.status, 429, "example: status");
    same(res.headers.get("content-type"), "application/json", "example: content-type");
    same(res.headers.get("retry-after"), "2", "example: Retry-After, whole seconds rounded up");
    const back = await decodeResponse(res.clone());
    same(back.name, "LimitExceeded", "example: decoded back");
    same(back.toJSON(), { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests", retry_after_ms: 1500 }, "body");
    const wasmBack = await (await createWasmDecoder()).decodeResponse(res);
    same(wasmBack.retryAfterMs, back.retryAfterMs, "example: wasm decodeResponse agrees");

    const soft = new UnknownToken({ errcode: "M_UNKNOWN_TOKEN", error: "expired", soft_logout: true }).toResponse();
    same(soft.status, 401, "UnknownToken: default status");
    same(soft.headers.get("retry-after"), null, "UnknownToken: no Retry-After");
    same(await soft.json(), { errcode: "M_UNKNOWN_TOKEN", error: "expired", soft_logout: true }, "UnknownToken: body");

    const given = decode({ errcode: "M_FORBIDDEN", error: "no" }, { status: 403 }).toResponse({
      headers: { "x-request-id": "r1" },
    });
    same(given.status, 403, "Forbidden: status");
    same(given.headers.get("x-request-id"), "r1", "Forbidden: extra header");
    same(given.headers.get("content-type"), "application/json", "Forbidden: content-type kept");

    const custom = new CustomErrorResponse({ errcode: "COM.EXAMPLE.QUOTA", error: "over" }).toResponse();
    same(custom.status, 500, "custom code: status 500");

    const proxyPage = decode("<html>", { status: 503, headers: { "Retry-After": "120" } });
    if (!(proxyPage instanceof NonMatrixResponse)) fail("a proxy page is not a NonMatrixResponse");
    const page = proxyPage.toResponse();
    same([page.status, page.headers.get("retry-after")], [503, "120"], "NonMatrixResponse: status, Retry-After");
  },
};

// ---------------------------------------------------------------------------------------------
// Per-decode time of both decoders inside workerd (reported, not asserted): whole rounds over the
// vectors' bytes (what decodeResponse hands a decoder). The decoders take turns in 30 ms blocks,
// 300 ms each in all, so a change in machine load hits both alike and the timer's resolution
// does not matter.

function timeEach(decoders, inputs) {
  const round = (decodeFn) => {
    for (const [input, init] of inputs) decodeFn(input, init);
  };
  for (const decodeFn of Object.values(decoders)) for (let i = 0; i < 20; i++) round(decodeFn); // warm up
  const totals = Object.fromEntries(Object.keys(decoders).map((name) => [name, { ms: 0, decodes: 0 }]));
  for (let block = 0; block < 10; block++) {
    for (const [name, decodeFn] of Object.entries(decoders)) {
      const start = performance.now();
      let elapsed = 0;
      do {
        round(decodeFn);
        totals[name].decodes += inputs.length;
        elapsed = performance.now() - start;
      } while (elapsed < 30);
      totals[name].ms += elapsed;
    }
  }
  return Object.fromEntries(
    Object.entries(totals).map(([name, t]) => [name, { ns: Math.round((t.ms * 1e6) / t.decodes), decodes: t.decodes }]),
  );
}

export const timings = {
  async test() {
    const wasm = await createWasmDecoder();
    const result = {};
    for (const captureStack of [true, false]) {
      const inputs = vectors.cases.map((c) => [inputOf(c, "bytes"), { ...initOf(c), captureStack }]);
      const times = timeEach({ ts: decode, wasm: wasm.decode }, inputs);
      const mode = captureStack ? "stack" : "noStack";
      for (const [name, time] of Object.entries(times)) result[`${name}_${mode}`] = time;
    }
    console.log(`MATRIX_ERRORS timings ${JSON.stringify(result)}`);
  },
};

// ---------------------------------------------------------------------------------------------
// Hono in a Worker: a thrown error is answered as Matrix JSON by Hono's own error handler (it
// calls err.getResponse()), with no onError.

export const honoAnswersThrownErrors = {
  async test() {
    const app = new Hono();
    app.get("/limited", () => {
      throw LimitExceeded.create("Slow down", { retryAfterMs: 2500 });
    });
    app.get("/forbidden", () => {
      throw Forbidden.create("Admins only");
    });
    const limited = await app.request("/limited");
    same(limited.status, 429, "429 status");
    same(limited.headers.get("retry-after"), "3", "Retry-After");
    same(limited.headers.get("access-control-expose-headers"), "Retry-After", "exposed");
    same(await limited.json(), { errcode: "M_LIMIT_EXCEEDED", error: "Slow down", retry_after_ms: 2500 }, "429 body");
    const forbidden = await app.request("/forbidden");
    same(forbidden.status, 403, "403 status");
    same(await forbidden.json(), { errcode: "M_FORBIDDEN", error: "Admins only" }, "403 body");
  },
};
