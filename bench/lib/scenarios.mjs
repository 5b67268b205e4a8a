// The scenarios and their contenders. A contender is `fn(input, aux)`: `input` is the scenario's
// input for a corpus entry (text, bytes, object, Response, errcode), `aux` what that contender is
// given besides (its init, the status, or the Response a body came from), built before timing.
import {
  floorBytes,
  floorString,
  naive,
  naiveNoStack,
  naiveObject,
  naiveObjectNoStack,
  plain,
  plainBytes,
  plainNoStack,
  plainObject,
} from "./baselines.mjs";
import { responseOf } from "./corpus.mjs";
import { dispatchEntries, dispatchStrategies } from "./dispatch.mjs";
import { leanDecode } from "./lean.mjs";
import { botSdkPath, jsSdkPath, loadBotSdk, loadJsSdk, loadWasm, me, versionOf } from "./libs.mjs";

export const SCENARIO_ORDER = ["string", "bytes", "object", "response", "dispatch", "anatomy", "construct"];

export const SCENARIO_TITLES = {
  string: "decode from a string (as `await res.text()` gives it)",
  bytes: "decode from bytes (UTF-8 `Uint8Array`)",
  object: "decode from a parsed object",
  response: "decode a fetch `Response` (`decodeResponse`, body read included)",
  dispatch: "errcode → class dispatch alone (fresh strings, as JSON.parse makes them)",
  anatomy: "anatomy of the TS string decode: the same call with parts taken away",
  construct: "constructing the result alone (parsed body and class given): how cheap can a real Error be",
};

/** Labels of the families, used by the validation and the report. */
export function families() {
  const js = versionOf("matrix-js-sdk");
  const bot = versionOf("matrix-bot-sdk");
  return {
    floor: "floors (JSON.parse, TextDecoder + JSON.parse)",
    ts: "matrix-errors, TypeScript decoder",
    wasm: "matrix-errors, WASM decoder",
    plain: "plain-object decoder (same fields, no Error)",
    lean: "prototype lean decoder (bench/lib/lean.mjs, not shipped)",
    naive: "naive: JSON.parse + Map + class extends Error",
    jssdk: `matrix-js-sdk ${js} MatrixError via parseErrorResponse`,
    botsdk: `matrix-bot-sdk ${bot} MatrixError via its doHttpRequest logic`,
    dispatch: "dispatch strategies",
  };
}

/** Loads the libraries every scenario needs, once per process. */
export async function loadContext(entries) {
  const wasm = await loadWasm();
  const jssdk = await loadJsSdk();
  const botsdk = loadBotSdk();
  return {
    entries,
    wasm,
    jssdk,
    jsSdkDecode: jsSdkPath(jssdk.parseErrorResponse),
    botSdkDecode: botSdkPath(botsdk.MatrixError),
    versions: { "matrix-js-sdk": versionOf("matrix-js-sdk"), "matrix-bot-sdk": versionOf("matrix-bot-sdk") },
  };
}

const initOf = (e) => ({ status: e.status, headers: e.headers });
const hotInitOf = (e) => ({ status: e.status, headers: e.headers, captureStack: false });

function contender(id, family, label, fn, aux, extra = {}) {
  return { id, family, label, fn, aux, ...extra };
}

/**
 * Builds a scenario over the corpus. Returns its inputs (or `fresh(passes)` for inputs that can
 * be used once), its floor's id, and the contenders, the floor included.
 */
export function buildScenario(name, ctx, { responseStride = 1 } = {}) {
  const all = ctx.entries;
  const { decode, decodeResponse } = me;
  const wasm = ctx.wasm.available ? ctx.wasm.decoder : undefined;
  const list = [];
  const add = (c, entries) => list.push({ ...c, aux: entries.map(c.aux) });
  const none = () => undefined;
  const status = (e) => e.status;

  if (name === "string") {
    const entries = all;
    add(contender("floor-string", "floor", "floor: JSON.parse", floorString, none, { floor: true }), entries);
    add(contender("ts-hot", "ts", "matrix-errors TS, captureStack: false", decode, hotInitOf), entries);
    add(contender("ts", "ts", "matrix-errors TS, defaults (stack captured)", decode, initOf), entries);
    if (wasm) {
      add(contender("wasm-hot", "wasm", "matrix-errors WASM, captureStack: false", wasm.decode, hotInitOf), entries);
      add(contender("wasm", "wasm", "matrix-errors WASM, defaults", wasm.decode, initOf), entries);
    }
    add(
      contender(
        "plain",
        "plain",
        "plain object (no Error): JSON.parse + Map + literal, stack off",
        plainNoStack,
        initOf,
      ),
      entries,
    );
    add(
      contender(
        "lean-hot",
        "lean",
        "prototype: lean Error classes, lazy retryAfterMs, length+char dispatch",
        leanDecode,
        initOf,
      ),
      entries,
    );
    add(contender("naive-hot", "naive", "naive class extends Error, stackTraceLimit 0", naiveNoStack, status), entries);
    add(contender("naive", "naive", "naive class extends Error (stack captured)", naive, status), entries);
    add(
      contender("jssdk", "jssdk", "matrix-js-sdk MatrixError (parseErrorResponse)", ctx.jsSdkDecode, responseOf),
      entries,
    );
    add(contender("botsdk", "botsdk", "matrix-bot-sdk MatrixError", ctx.botSdkDecode, status), entries);
    return { name, floor: "floor-string", hot: "ts-hot", def: "ts", inputs: entries.map((e) => e.text), list };
  }

  if (name === "bytes") {
    const entries = all;
    add(
      contender("floor-bytes", "floor", "floor: TextDecoder + JSON.parse", floorBytes, none, { floor: true }),
      entries,
    );
    add(contender("ts-bytes-hot", "ts", "matrix-errors TS, captureStack: false", decode, hotInitOf), entries);
    add(contender("ts-bytes", "ts", "matrix-errors TS, defaults", decode, initOf), entries);
    if (wasm) {
      add(
        contender("wasm-bytes-hot", "wasm", "matrix-errors WASM, captureStack: false", wasm.decode, hotInitOf),
        entries,
      );
      add(contender("wasm-bytes", "wasm", "matrix-errors WASM, defaults", wasm.decode, initOf), entries);
    }
    add(
      contender("plain-bytes", "plain", "plain object from bytes (TextDecoder + JSON.parse)", plainBytes, initOf),
      entries,
    );
    return {
      name,
      floor: "floor-bytes",
      hot: "ts-bytes-hot",
      def: "ts-bytes",
      inputs: entries.map((e) => e.bytes),
      list,
    };
  }

  if (name === "object") {
    const entries = all.filter((e) => e.object !== undefined);
    add(
      contender("floor-object", "plain", "floor: Map.get + plain object (no Error)", plainObject, initOf, {
        floor: true,
      }),
      entries,
    );
    add(contender("ts-object-hot", "ts", "matrix-errors TS, captureStack: false", decode, hotInitOf), entries);
    add(contender("ts-object", "ts", "matrix-errors TS, defaults", decode, initOf), entries);
    if (wasm) {
      add(
        contender("wasm-object-hot", "wasm", "matrix-errors WASM, captureStack: false", wasm.decode, hotInitOf),
        entries,
      );
      add(contender("wasm-object", "wasm", "matrix-errors WASM, defaults", wasm.decode, initOf), entries);
    }
    add(
      contender(
        "naive-object-hot",
        "naive",
        "naive class extends Error, stackTraceLimit 0",
        naiveObjectNoStack,
        status,
      ),
      entries,
    );
    add(contender("naive-object", "naive", "naive class extends Error (stack captured)", naiveObject, status), entries);
    return {
      name,
      floor: "floor-object",
      hot: "ts-object-hot",
      def: "ts-object",
      inputs: entries.map((e) => e.object),
      list,
    };
  }

  if (name === "response") {
    // Reading a Response body costs ~50× a decode: the quick run reads every n-th response only.
    const entries = all.filter((_, i) => i % responseStride === 0);
    const hot = { captureStack: false };
    const floorResponse = async (res) => floorString(await res.text());
    const tsText = async (res) =>
      decode(await res.text(), { status: res.status, headers: res.headers, captureStack: false });
    const jsSdk = async (res) => ctx.jsSdkDecode(await res.text(), res);
    const botSdk = async (res) => ctx.botSdkDecode(await res.text(), res.status);
    const naiveRes = async (res) => naive(await res.text(), res.status);
    add(
      contender("floor-response", "floor", "floor: JSON.parse(await res.text())", floorResponse, none, { floor: true }),
      entries,
    );
    add(
      contender(
        "ts-response-hot",
        "ts",
        "decodeResponse(res, { captureStack: false })",
        (r, o) => decodeResponse(r, o),
        () => hot,
      ),
      entries,
    );
    add(
      contender("ts-response", "ts", "decodeResponse(res), defaults", (r) => decodeResponse(r), none),
      entries,
    );
    add(
      contender(
        "ts-text-hot",
        "ts",
        "decode(await res.text(), { status, headers, captureStack: false })",
        tsText,
        none,
      ),
      entries,
    );
    if (wasm) {
      add(
        contender(
          "wasm-response-hot",
          "wasm",
          "WASM decodeResponse(res, { captureStack: false })",
          (r, o) => wasm.decodeResponse(r, o),
          () => hot,
        ),
        entries,
      );
      add(
        contender("wasm-response", "wasm", "WASM decodeResponse(res), defaults", (r) => wasm.decodeResponse(r), none),
        entries,
      );
    }
    add(contender("naive-response", "naive", "naive class extends Error on await res.text()", naiveRes, none), entries);
    add(
      contender("jssdk-response", "jssdk", "matrix-js-sdk parseErrorResponse(res, await res.text())", jsSdk, none),
      entries,
    );
    add(
      contender("botsdk-response", "botsdk", "matrix-bot-sdk MatrixError on await res.text()", botSdk, none),
      entries,
    );
    return {
      name,
      floor: "floor-response",
      hot: "ts-response-hot",
      def: "ts-response",
      async: true,
      size: entries.length,
      fresh: () => entries.map(responseOf),
      list,
    };
  }

  if (name === "dispatch") {
    const entries = all.filter((e) => e.errcode !== undefined);
    const codes = JSON.stringify(entries.map((e) => e.errcode));
    const { strategies } = dispatchStrategies();
    for (const s of strategies) {
      add(
        contender(s.id, "dispatch", s.label, s.fn, none, { floor: s.id === "dispatch-shipped", context: s.context }),
        entries,
      );
    }
    return {
      name,
      floor: "dispatch-shipped",
      hot: "dispatch-shipped",
      def: "dispatch-shipped",
      size: entries.length,
      // JSON.parse makes fresh, non-internalised strings whose hash is not computed yet, as in a decode.
      fresh: () => JSON.parse(codes),
      list,
    };
  }
  if (name === "anatomy") {
    const entries = all;
    const bare = new me.Registry({ captureStack: false });
    const statusOnly = (e) => ({ status: e.status, captureStack: false });
    const headerOnly = (_text, init) => init.headers.get("retry-after");
    add(contender("anat-floor", "floor", "floor: JSON.parse", floorString, none, { floor: true }), entries);
    // The bound of any decoder that returns a real Error: JSON.parse and one bare Error, stack off.
    const parseAndError = (text) => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = undefined;
      try {
        const body = floorString(text);
        return new Error(typeof body?.error === "string" ? body.error : "not a Matrix error");
      } finally {
        Error.stackTraceLimit = limit;
      }
    };
    add(
      contender("anat-bound", "floor", "bound: JSON.parse + one bare new Error(), stack off", parseAndError, none, {
        context: true,
      }),
      entries,
    );
    add(
      contender(
        "anat-ts-hot",
        "ts",
        "TS decode(text, { status, headers: Headers, captureStack: false })",
        decode,
        hotInitOf,
      ),
      entries,
    );
    add(
      contender(
        "anat-ts-status",
        "ts",
        "… without headers: decode(text, { status, captureStack: false })",
        decode,
        statusOnly,
      ),
      entries,
    );
    add(
      contender(
        "anat-ts-noinit",
        "ts",
        "… without init: new Registry({ captureStack: false }).decode(text)",
        (t) => bare.decode(t),
        none,
      ),
      entries,
    );
    add(contender("anat-plain", "plain", "plain object, with Headers", plain, initOf), entries);
    add(
      contender("anat-plain-status", "plain", "plain object, status only", plain, (e) => ({ status: e.status })),
      entries,
    );
    add(
      contender("anat-headers-get", "floor", 'headers.get("retry-after") alone (undici Headers)', headerOnly, initOf, {
        context: true,
      }),
      entries,
    );
    return {
      name,
      floor: "anat-floor",
      hot: "anat-ts-hot",
      def: "anat-ts-hot",
      inputs: entries.map((e) => e.text),
      list,
    };
  }

  if (name === "construct") {
    const entries = all.filter((e) => e.errcode !== undefined);
    const classOf = new Map(dispatchEntries());
    const aux = (e) => ({ cls: classOf.get(e.errcode) ?? me.CustomErrorResponse, init: { status: e.status } });
    const off = (build) => (body, a) => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = undefined;
      try {
        return build(body, a);
      } finally {
        Error.stackTraceLimit = limit;
      }
    };
    const zero = (build) => (body, a) => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        return build(body, a);
      } finally {
        Error.stackTraceLimit = limit;
      }
    };
    class Minimal extends Error {
      constructor(message, errcode, status, body) {
        super(message);
        this.errcode = errcode;
        this.status = status;
        this.body = body;
      }
    }
    const minimal = new Map([...classOf.keys()].map((code) => [code, class extends Minimal {}]));
    const minAux = (e) => ({ cls: minimal.get(e.errcode) ?? Minimal, init: { status: e.status } });
    // Not a real Error (no [[ErrorData]], no stack): the reference for what fields cost.
    function NotAnError(message, errcode, status, body) {
      this.message = message;
      this.errcode = errcode;
      this.status = status;
      this.body = body;
    }
    NotAnError.prototype = Object.create(Error.prototype, { constructor: { value: NotAnError } });
    const lit = (body, a) => ({ errcode: body.errcode, message: body.error, status: a.init.status, body });
    const shipped = (body, a) => new a.cls(body, a.init);
    const min = (body, a) => new a.cls(body.error, body.errcode, a.init.status, body);
    add(
      contender(
        "con-bare",
        "ts",
        "new Error(message) alone, limit undefined: the cheapest real Error",
        off((b) => new Error(b.error)),
        none,
        { floor: true },
      ),
      entries,
    );
    add(contender("con-plain", "plain", "plain object literal (not an Error)", lit, aux, { context: true }), entries);
    add(
      contender(
        "con-shipped-hot",
        "ts",
        "shipped classes, stackTraceLimit = undefined (as captureStack: false)",
        off(shipped),
        aux,
      ),
      entries,
    );
    add(contender("con-shipped-zero", "ts", "shipped classes, stackTraceLimit = 0", zero(shipped), aux), entries);
    add(contender("con-shipped", "ts", "shipped classes, stack captured (default)", shipped, aux), entries);
    add(
      contender(
        "con-min-poly",
        "ts",
        "minimal class extends Error per code, 3 fields, limit undefined",
        off(min),
        minAux,
      ),
      entries,
    );
    add(
      contender(
        "con-min-mono",
        "ts",
        "one class extends Error, 3 fields, limit undefined",
        off((b, a) => new Minimal(b.error, b.errcode, a.init.status, b)),
        minAux,
      ),
      entries,
    );
    add(
      contender(
        "con-not-error",
        "plain",
        "not a real Error: constructor with Error.prototype in its chain",
        (b, a) => new NotAnError(b.error, b.errcode, a.init.status, b),
        aux,
        { context: true },
      ),
      entries,
    );
    return {
      name,
      floor: "con-bare",
      hot: "con-shipped-hot",
      def: "con-shipped",
      inputs: entries.map((e) => e.object),
      list,
    };
  }
  throw new Error(`unknown scenario ${name}`);
}
