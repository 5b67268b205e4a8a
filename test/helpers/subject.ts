// The package under test for the hostile-input tests: this checkout's sources, or a built dist/
// directory named by $MATRIX_ERRORS_SUBJECT (an older commit's build, to show a test failed there).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

type Api = typeof import("../../src/index.js");
type WasmCore = typeof import("../../src/wasm/core.js");

const subject = process.env.MATRIX_ERRORS_SUBJECT;

/** The dist/ directory the child-process tests load: the subject's, else this checkout's build. */
export const distDir: string = subject ?? new URL("../../../dist", import.meta.url).pathname;

/** The public API under test. */
export const lib: Api =
  subject === undefined
    ? await import("../../src/index.js")
    : ((await import(pathToFileURL(join(subject, "index.js")).href)) as Api);

/** The WASM glue under test. */
export const wasmCore: WasmCore =
  subject === undefined
    ? await import("../../src/wasm/core.js")
    : ((await import(pathToFileURL(join(subject, "wasm", "core.js")).href)) as WasmCore);

/** The bytes of the decoder module under test. */
export const wasmBytes: Uint8Array<ArrayBuffer> = new Uint8Array(readFileSync(join(distDir, "decoder.wasm")));

/** Whether the subject is this checkout (false when an older build is being tried). */
export const isCheckout: boolean = subject === undefined;
