/**
 * The parsing stage of the WASM decoder: copies a body into the scanner's input buffer, scans it,
 * and builds the result from the spans the scanner reports, without parsing the body in JS.
 *
 * @module
 */

import { WIRE_CODES } from "../dispatch.gen.js";
import { type ErrorResponse, SOURCE } from "../errors.js";
import { head, nonMatrix, type Parser, textOf } from "../input.js";
import { isBuiltinClass, type Registry } from "../registry.js";
import type { DecodeInit } from "../types.js";
import { KEYS } from "./table.gen.js";

/** What assembly/scan.ts exports. */
export interface ScannerExports {
  readonly memory: WebAssembly.Memory;
  inputPointer(): number;
  inputCapacity(): number;
  resultPointer(): number;
  numbersPointer(): number;
  scan(length: number): number;
}

// scan() results and slot kinds, as in assembly/scan.ts.
const NOT_JSON = 1;
const NOT_OBJECT = 2;
const NON_ASCII_SEEN = 4;
const KIND = 7;
const STRING = 1;
const NUMBER = 2;
const TRUE = 3;
const FALSE = 4;
const ESCAPED = 8;
const EXACT = 32;

// Spans are decoded out of context: a U+FEFF at the start of one is a character, not a BOM.
const spans = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

function isWellFormed(text: string): boolean {
  const check = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof check === "function" && check.call(text);
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The WASM decoder's {@link Parser} over one scanner instance, building the classes of `registry`. */
export function scannerParser(scanner: ScannerExports, registry: Registry): Parser {
  const { buffer } = scanner.memory;
  const memory = new Uint8Array(buffer);
  const words = new Int32Array(buffer);
  const numbers = new Float64Array(buffer);
  const input = scanner.inputPointer();
  const capacity = scanner.inputCapacity();
  const result = scanner.resultPointer() >> 2;
  const numberSlots = scanner.numbersPointer() >> 3;
  const ts = registry.parser;

  // The text of slot k: sliced from `ascii` (the input, when it is ASCII text and offsets are
  // indexes), else decoded from the buffer; JSON.parse unescapes the rare escaped string.
  function spanText(k: number, ascii: string | undefined, quoted: boolean): string {
    const at = result + 2 + 3 * k;
    const start = words[at + 1] as number;
    const end = words[at + 2] as number;
    if (ascii !== undefined) return quoted ? ascii.slice(start - 1, end + 1) : ascii.slice(start, end);
    const text = spans.decode(memory.subarray(input + start, input + end));
    return quoted ? `"${text}"` : text;
  }

  function stringAt(k: number, ascii: string | undefined): string {
    const escaped = ((words[result + 2 + 3 * k] as number) & ESCAPED) !== 0;
    return escaped ? (JSON.parse(spanText(k, ascii, true)) as string) : spanText(k, ascii, false);
  }

  function valueAt(k: number, ascii: string | undefined): string | number | boolean | undefined {
    const info = words[result + 2 + 3 * k] as number;
    switch (info & KIND) {
      case STRING:
        return stringAt(k, ascii);
      case NUMBER:
        return info & EXACT ? numbers[numberSlots + k] : Number(spanText(k, ascii, false));
      case TRUE:
        return true;
      case FALSE:
        return false;
      default:
        // null, objects and arrays: typed getters read them as absent.
        return undefined;
    }
  }

  // The result of a scan of `text` (the body, or the decoding of the bytes given); `ascii` is the
  // text when buffer offsets are text indexes (an ASCII body).
  function build(status: number, text: string, ascii: string | undefined, init: DecodeInit | undefined): ErrorResponse {
    if (status === NOT_JSON || status === NOT_OBJECT) {
      return nonMatrix(status === NOT_JSON ? "not_json" : "not_object", head(text), init);
    }
    const mask = words[result] as number;
    const errcodeKind = (words[result + 2] as number) & KIND;
    // No string errcode: the TypeScript path builds the NonMatrixResponse and its body.
    if ((mask & 1) === 0 || errcodeKind !== STRING) return ts.text(text, init);
    const index = words[result + 1] as number;
    const errcode = index >= 0 ? (WIRE_CODES[index] as string) : stringAt(0, ascii);
    // The scanner's index is the registry's wire index: no second lookup of the code.
    const cls = registry.classFor(errcode, index);
    // A class registered by a user may read any field of `body`: give it the parsed body. The
    // package's own classes read only errcode, error, retry_after_ms and their typed fields, so
    // they get those alone, and parse the body on first read of `.body`.
    if (cls !== undefined && !isBuiltinClass(cls)) return ts.text(text, init);
    // One shape for the common keys; a typed field's key is added where the body has one.
    const fields: Record<string, unknown> = {
      errcode,
      error: mask & 2 ? valueAt(1, ascii) : undefined,
      retry_after_ms: mask & 4 ? valueAt(2, ascii) : undefined,
    };
    for (let rest = mask & ~7; rest !== 0; rest &= rest - 1) {
      const k = 31 - Math.clz32(rest & -rest);
      const value = valueAt(k, ascii);
      if (value !== undefined) fields[KEYS[k] as string] = value;
    }
    const error = registry.constructClass(cls, errcode, fields, init);
    // `body` is parsed from the text on first read.
    error[SOURCE] = text;
    return error;
  }

  return {
    text(text, init) {
      const length = text.length;
      // Every UTF-16 code unit takes at least one byte: a longer text cannot fit.
      if (length > capacity) return ts.text(text, init);
      // An ASCII copy: cheaper than encodeInto where that is slow (workerd), and offsets stay indexes.
      let i = 0;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c > 0x7f) break;
        memory[input + i] = c;
      }
      if (i === length) return build(scanner.scan(length), text, text, init);
      // encodeInto turns lone surrogates into U+FFFD, where JSON.parse keeps them: leave those to TS.
      if (!isWellFormed(text)) return ts.text(text, init);
      const { read, written } = encoder.encodeInto(text, memory.subarray(input, input + capacity));
      if (read !== length) return ts.text(text, init);
      return build(scanner.scan(written), text, undefined, init);
    },
    bytes(bytes, init) {
      // TextDecoder drops one leading BOM; so does the copy.
      const skip = hasBom(bytes) ? 3 : 0;
      const length = bytes.length - skip;
      if (length === 0 || length > capacity) return ts.bytes(bytes, init);
      memory.set(skip === 0 ? bytes : bytes.subarray(skip), input);
      const status = scanner.scan(length);
      // The text is needed anyway (for `body`, `raw`, or the TypeScript path), so spans of an
      // ASCII body are slices of it; TextDecoder sees the bytes once.
      const text = textOf(bytes);
      return build(status, text, status & NON_ASCII_SEEN ? undefined : text, init);
    },
    object: (body, init) => registry.fromBody(body, init, ""),
  };
}
