/**
 * @internal What the WASM entry points take from the library, in one module. The build gives the
 * main bundle (`dist/index.js`) this module as its `__internal` export, and `dist/wasm/*` read it
 * from there: `import "matrix-errors"` then loads one file (one module in place of three: import
 * ~1.5 ms faster in Node 20), and both entries still share one copy of every class, registry and
 * stack state. Not part of the API.
 *
 * @module
 */
export { decoderOf } from "./decoder.js";
export { ARRAY_KEYS, WIRE_CODES } from "./dispatch.gen.js";
export { jsonParser, parseText, textOf } from "./parse.js";
export { failure } from "./parsed.js";
