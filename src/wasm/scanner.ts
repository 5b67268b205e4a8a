/**
 * The WASM decoder's parser: copies a body into the scanner's input buffer, scans it, and returns
 * what it read as a {@link Parsed} record, without parsing the body in JS. Bodies the scanner does
 * not take (longer than its buffer, lone surrogates, no string errcode) go to the TypeScript parser.
 *
 * @module
 */
import { ARRAY_KEYS, failure, jsonParser, parseText, textOf, WIRE_CODES } from "../internal.js";
import type { Parsed, Parser } from "../parsed.js";
import {
  ESCAPED,
  EXACT,
  FALSE,
  KEYS,
  KIND_MASK,
  NON_ASCII_SEEN,
  NOT_JSON,
  NOT_OBJECT,
  NUMBER,
  OTHER,
  RESULT_CODE,
  RESULT_MASK,
  SLOT_FIRST,
  SLOT_WORDS,
  STRING,
  TRUE,
} from "./interface.gen.js";

/** What assembly/scan.ts exports. */
export interface ScannerExports {
  readonly memory: WebAssembly.Memory;
  inputPointer(): number;
  inputCapacity(): number;
  resultPointer(): number;
  numbersPointer(): number;
  fingerprint(): number;
  scan(length: number): number;
}

// Spans are decoded out of context: a U+FEFF at the start of one is a character, not a BOM.
const spans = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();
// The intrinsic `set` as a plain function: it reads the view's own length, never a property a
// caller set, and takes no arguments array per call.
const setBytes = Function.prototype.call.bind(Uint8Array.prototype.set) as (
  target: Uint8Array,
  source: Uint8Array,
  offset: number,
) => void;
const ARRAY_KEY_SET: ReadonlySet<string> = new Set(ARRAY_KEYS);

function isWellFormed(text: string): boolean {
  const check = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof check === "function" && check.call(text);
}

/** The WASM decoder's {@link Parser} over one scanner instance. */
export function scannerParser(scanner: ScannerExports): Parser {
  const { buffer } = scanner.memory;
  const memory = new Uint8Array(buffer);
  const words = new Int32Array(buffer);
  const numbers = new Float64Array(buffer);
  const input = scanner.inputPointer();
  const capacity = scanner.inputCapacity();
  const result = scanner.resultPointer() >> 2;
  const numberSlots = scanner.numbersPointer() >> 3;

  // Inner functions in parentheses too: compiled with `scannerParser`, not on the first decode.
  // biome-ignore format: the parentheses make V8 compile it with the script.
  const slot = (function slot(k: number): number {
    return result + SLOT_FIRST + SLOT_WORDS * k;
  });

  // The text of slot k: sliced from `ascii` (the input, when it is ASCII text and offsets are
  // indexes), else decoded from the buffer; JSON.parse unescapes the rare escaped string.
  // biome-ignore format: the parentheses make V8 compile it with the script.
  const spanText = (function spanText(k: number, ascii: string | undefined, quoted: boolean): string {
    const at = slot(k);
    const start = words[at + 1] as number;
    const end = words[at + 2] as number;
    if (ascii !== undefined) return quoted ? ascii.slice(start - 1, end + 1) : ascii.slice(start, end);
    const text = spans.decode(memory.subarray(input + start, input + end));
    return quoted ? `"${text}"` : text;
  });

  // biome-ignore format: the parentheses make V8 compile it with the script.
  const stringAt = (function stringAt(k: number, ascii: string | undefined): string {
    const escaped = ((words[slot(k)] as number) & ESCAPED) !== 0;
    return escaped ? (JSON.parse(spanText(k, ascii, true)) as string) : spanText(k, ascii, false);
  });

  // biome-ignore format: the parentheses make V8 compile it with the script.
  const valueAt = (function valueAt(k: number, ascii: string | undefined): unknown {
    const info = words[slot(k)] as number;
    switch (info & KIND_MASK) {
      case STRING:
        return stringAt(k, ascii);
      case NUMBER:
        return info & EXACT ? numbers[numberSlots + k] : Number(spanText(k, ascii, false));
      case TRUE:
        return true;
      case FALSE:
        return false;
      case OTHER:
        // Arrays of the typed fields that are string arrays are parsed; other containers and null
        // are read as absent by every typed getter.
        return ARRAY_KEY_SET.has(KEYS[k] as string) ? JSON.parse(spanText(k, ascii, false)) : undefined;
      default:
        return undefined;
    }
  });

  // What a scan of `text` read; `ascii` is the text when buffer offsets are text indexes.
  // biome-ignore format: the parentheses make V8 compile it with the script.
  const read = (function read(status: number, text: string, ascii: string | undefined): Parsed {
    if (status === NOT_JSON) return failure("not_json", text);
    if (status === NOT_OBJECT) return failure("not_object", text);
    const mask = words[result + RESULT_MASK] as number;
    // No string errcode: the TypeScript parser builds the body a NonMatrixResponse keeps.
    if ((mask & 1) === 0 || ((words[slot(0)] as number) & KIND_MASK) !== STRING) return parseText(text);
    const wire = words[result + RESULT_CODE] as number;
    const errcode = wire >= 0 ? (WIRE_CODES[wire] as string) : stringAt(0, ascii);
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
    return { reason: undefined, errcode, wire, fields, body: undefined, source: text };
  });

  return {
    // biome-ignore format: the parentheses make V8 compile it with the script.
    text: (function scanText(text: string): Parsed {
      const length = text.length;
      // Every UTF-16 code unit takes at least one byte: a longer text cannot fit.
      if (length > capacity) return parseText(text);
      // An ASCII copy: cheaper than encodeInto where that is slow (workerd), and offsets stay indexes.
      let i = 0;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c > 0x7f) break;
        memory[input + i] = c;
      }
      if (i === length) return read(scanner.scan(length), text, text);
      // encodeInto turns lone surrogates into U+FFFD, where JSON.parse keeps them: leave those to TS.
      if (!isWellFormed(text)) return parseText(text);
      const { read: taken, written } = encoder.encodeInto(text, memory.subarray(input, input + capacity));
      if (taken !== length) return parseText(text);
      return read(scanner.scan(written), text, undefined);
    }),
    // biome-ignore format: the parentheses make V8 compile it with the script.
    bytes: (function scanBytes(bytes: Uint8Array, length: number): Parsed {
      // The text is needed anyway (for `body`, `raw`, or the TypeScript parser), so spans of an
      // ASCII body are slices of it; TextDecoder sees the bytes once.
      const text = textOf(bytes);
      if (length > capacity) return parseText(text);
      setBytes(memory, bytes, input);
      const status = scanner.scan(length);
      return read(status, text, status & NON_ASCII_SEEN ? undefined : text);
    }),
    // Object input is already parsed: both decoders read it with the TypeScript parser.
    object: jsonParser.object,
  };
}
