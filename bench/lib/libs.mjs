// Everything the contenders are built from: matrix-errors (TS, and WASM when it resolves),
// matrix-js-sdk's HTTP error path, matrix-bot-sdk's MatrixError, and the baselines written here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as me from "matrix-errors";
import { CODES } from "matrix-errors/codes";

const require = createRequire(import.meta.url);

export { CODES, me };

// The shipped errcode dispatch is internal (not an export of the package): load its file from the
// installed package's dist/, next to the entry point.
export const shipped = await import(new URL("./dispatch.gen.js", import.meta.resolve("matrix-errors")).href);

/** Version of an installed package, read from its package.json. */
export function versionOf(name) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
  } catch {
    try {
      const dir = require.resolve(name).replace(/(node_modules\/[^/]+(?:\/[^/]+)?)\/.*$/, "$1");
      return JSON.parse(readFileSync(`${dir}/package.json`, "utf8")).version;
    } catch {
      return undefined;
    }
  }
}

/** The WASM decoder when `matrix-errors/wasm` resolves and instantiates; `{ error }` otherwise. */
export async function loadWasm() {
  let mod;
  try {
    mod = await import("matrix-errors/wasm");
  } catch (error) {
    return { available: false, reason: `matrix-errors/wasm does not resolve (${firstLine(error)})` };
  }
  try {
    const decoder = await mod.createWasmDecoder();
    return { available: true, decoder, module: mod, file: wasmFile() };
  } catch (error) {
    return { available: false, reason: `createWasmDecoder() failed (${firstLine(error)})` };
  }
}

/** Path of the `.wasm` file: the `matrix-errors/decoder.wasm` export, else dist/decoder.wasm. */
export function wasmFile() {
  try {
    return new URL(import.meta.resolve("matrix-errors/decoder.wasm")).pathname;
  } catch {
    const url = new URL("../../dist/decoder.wasm", import.meta.url);
    try {
      readFileSync(url);
      return url.pathname;
    } catch {
      return undefined;
    }
  }
}

function firstLine(error) {
  return String(error?.message ?? error).split("\n")[0];
}

// matrix-js-sdk: its fetch layer does `throw parseErrorResponse(res, await res.text())` on a non-2xx
// response (lib/http-api/fetch.js). parseErrorResponse reads Content-Type with the content-type
// package, builds `new MatrixError(JSON.parse(body), status, url, undefined, headers)` for JSON and an
// HTTPError otherwise; JSON.parse throws its SyntaxError out of the request for a broken JSON body.
export async function loadJsSdk() {
  const utils = await import("matrix-js-sdk/lib/http-api/utils.js");
  const errors = await import("matrix-js-sdk/lib/http-api/errors.js");
  return { parseErrorResponse: utils.parseErrorResponse, MatrixError: errors.MatrixError, HTTPError: errors.HTTPError };
}

// matrix-bot-sdk: doHttpRequest (lib/http.js) JSON.parses the body in a try/catch and, when the result
// is an object with an `errcode` key, throws `new MatrixError(body, statusCode)`; otherwise it throws
// the raw response for a non-2xx status. Its request/logging around that is left out: only the model
// file is loaded (the package entry point needs the native crypto binding, not installed here).
export function loadBotSdk() {
  return require("matrix-bot-sdk/lib/models/MatrixError.js");
}

/** The bot-sdk HTTP layer's decision, on a body text and a status (logging left out). */
export function botSdkPath(MatrixError) {
  return function botSdkDecode(text, status) {
    let body = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text, as doHttpRequest does
    }
    try {
      if (typeof body === "object" && "errcode" in body) return new MatrixError(body, status);
    } catch (error) {
      // `"errcode" in null` throws a TypeError out of doHttpRequest for a body of `null`.
      return error;
    }
    return { statusCode: status, body };
  };
}

/** matrix-js-sdk's path on a body text and the `Response` it came from; a throw is returned. */
export function jsSdkPath(parseErrorResponse) {
  return function jsSdkDecode(text, res) {
    try {
      return parseErrorResponse(res, text);
    } catch (error) {
      return error;
    }
  };
}
