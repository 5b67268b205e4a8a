// An adversarial input generator of our own, beside fast-check's arbitraries: inputs aimed at the
// places the two decoders could part ways. Near-miss errcodes (one character changed, added or
// removed from every wire code, case changes, \u escapes), keys and codes chosen to collide in
// the scanner's hash (same length, same first and last 8 bytes: assembly/scan.ts `hash`,
// scripts/gen/assembly.mjs `slotOf`), invalid UTF-8 at the 64 KiB input buffer's edge, and byte
// mutations of valid bodies.
import fc from "fast-check";
import { WIRE_CODES } from "../../src/dispatch.gen.js";
import { KEYS } from "../../src/wasm/interface.gen.js";

/** The scanner's input buffer: bodies around it take the edge cases of both paths. */
export const BUFFER_EDGE = 65_536;

/** One character changed, added or removed, and case changes: every near miss of one code. */
export function nearMisses(code: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i <= code.length; i++) {
    if (i < code.length) out.add(code.slice(0, i) + code.slice(i + 1));
    for (const c of ["A", "_", ".", "0", "a"]) {
      out.add(code.slice(0, i) + c + code.slice(i));
      if (i < code.length && code[i] !== c) out.add(code.slice(0, i) + c + code.slice(i + 1));
    }
    if (i < code.length) out.add(code.slice(0, i) + code.charAt(i).toLowerCase() + code.slice(i + 1));
  }
  out.add(code.toLowerCase());
  out.add(` ${code}`);
  out.add(`${code} `);
  out.add(`${code}\u0000`);
  out.delete(code);
  return [...out];
}

/**
 * Strings of the same length and the same first and last 8 bytes as `text`, which hash to the
 * same slot in the scanner (only lengths ≥ 17 have a middle to change).
 */
export function collisions(text: string): string[] {
  const out: string[] = [];
  for (let i = 8; i < text.length - 8; i++) {
    for (const c of ["X", "_", "\u007f"]) if (text[i] !== c) out.push(text.slice(0, i) + c + text.slice(i + 1));
  }
  return out;
}

/** A JSON string literal of `text` with the characters at the chosen positions written as \u escapes. */
export function escaped(text: string, mask: number, upper: boolean): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (((mask >>> (i % 31)) & 1) === 1 || c < 0x20 || c === 0x22 || c === 0x5c) {
      const hex = c.toString(16).padStart(4, "0");
      out += `\\u${upper ? hex.toUpperCase() : hex}`;
    } else out += text[i];
  }
  return `${out}"`;
}

const LONG_KEYS = KEYS.filter((key) => key.length >= 17);
const LONG_CODES = WIRE_CODES.filter((code) => code.length >= 17);
const COLLIDING_KEYS = LONG_KEYS.flatMap(collisions);
const COLLIDING_CODES = LONG_CODES.flatMap(collisions);
const VALUES = ['"x"', "1", "2000", "true", "false", "null", '["a","b"]', "{}", '"M_FORBIDDEN"', "-0", "1e400"];

const code = fc.constantFrom(...WIRE_CODES);
const value = fc.constantFrom(...VALUES);

/** An errcode a decoder must not mistake for a known one (or an exact one, escaped). */
const trickyCode = fc.oneof(
  fc.tuple(code, fc.nat()).map(([c, n]) => {
    const misses = nearMisses(c);
    return misses[n % misses.length] as string;
  }),
  fc.constantFrom(...COLLIDING_CODES),
  code,
);

const codeLiteral = fc
  .tuple(trickyCode, fc.nat(), fc.boolean(), fc.nat(3))
  .map(([c, mask, upper, how]) => (how === 0 ? escaped(c, mask, upper) : JSON.stringify(c)));

const key = fc.oneof(
  fc.constantFrom(...KEYS),
  fc.constantFrom(...COLLIDING_KEYS),
  fc.tuple(fc.constantFrom(...KEYS), fc.nat()).map(([k, n]) => {
    const misses = nearMisses(k);
    return misses[n % misses.length] as string;
  }),
);

/** A body with a tricky errcode and keys that collide with the ones the scanner reads. */
export const collidingBody: fc.Arbitrary<string> = fc
  .tuple(codeLiteral, fc.array(fc.tuple(key, value, fc.nat()), { maxLength: 6 }), fc.nat(7), fc.boolean())
  .map(([errcode, fields, at, upper]) => {
    const members = fields.map(
      ([k, v, mask]) => `${mask % 3 === 0 ? escaped(k, mask, upper) : JSON.stringify(k)}:${v}`,
    );
    members.splice(at % (members.length + 1), 0, `"errcode":${errcode}`);
    return `{${members.join(",")}}`;
  });

const SEQUENCES: readonly (readonly number[])[] = [
  [0xc3, 0xa9], // é
  [0xe2, 0x82, 0xac], // €
  [0xf0, 0x9f, 0x98, 0x80], // 😀
  [0xf0, 0x9f, 0x98], // truncated
  [0xe2, 0x82], // truncated
  [0xc3], // truncated
  [0x80], // lone continuation
  [0xc0, 0xaf], // overlong
  [0xed, 0xa0, 0x80], // an encoded surrogate
  [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  [0xff],
];

/**
 * Bodies of 65,535 to 65,537 bytes (and a few around) with a multi-byte or broken UTF-8 sequence
 * straddling the input buffer's end, in the error string or in the errcode.
 */
export const bufferEdgeBody: fc.Arbitrary<Uint8Array> = fc
  .tuple(fc.constantFrom(...SEQUENCES), fc.integer({ min: -1, max: 1 }), fc.nat(3), fc.nat(2), fc.boolean())
  .map(([seq, delta, back, where, close]) => {
    const length = BUFFER_EDGE + delta;
    const head = new TextEncoder().encode(
      where === 2 ? '{"error":"x","errcode":"M_' : '{"errcode":"M_FORBIDDEN","error":"',
    );
    const tail = new TextEncoder().encode(close ? '"}' : '"');
    const out = new Uint8Array(length);
    out.fill(0x61);
    out.set(head, 0);
    if (where === 1) {
      // The body ends inside the sequence: it is cut by the end.
      const at = length - 1 - (back % seq.length);
      out.set(seq.slice(0, length - at), at);
      return out;
    }
    // The sequence starts 1 to 3 bytes before the buffer's edge (crossing it when it is long enough).
    const at = Math.min(BUFFER_EDGE - 1 - (back % seq.length), length - tail.length - seq.length);
    out.set(seq, at);
    out.set(tail, length - tail.length);
    return out;
  });

const validBody = fc
  .tuple(code, value, fc.constantFrom(...KEYS))
  .map(([c, v, k]) => `{"errcode":${JSON.stringify(c)},"error":"msg",${JSON.stringify(k)}:${v}}`);

/** 1 to 4 byte edits (set, flip, insert, delete) of a valid body's UTF-8. */
export const mutatedBody: fc.Arbitrary<Uint8Array> = fc
  .tuple(validBody, fc.array(fc.tuple(fc.nat(3), fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }))
  .map(([text, edits]) => {
    let bytes = Array.from(new TextEncoder().encode(text));
    for (const [op, position, byte] of edits) {
      const at = position % (bytes.length + 1);
      if (op === 0) bytes[Math.min(at, bytes.length - 1)] = byte;
      else if (op === 1) {
        const i = Math.min(at, bytes.length - 1);
        bytes[i] = (bytes[i] as number) ^ (1 << (byte % 8));
      } else if (op === 2) bytes.splice(at, 0, byte);
      else bytes.splice(at, 1);
      if (bytes.length === 0) bytes = [byte];
    }
    return new Uint8Array(bytes);
  });

/** The whole generator: text and bytes, the buffer-edge bodies rarer (they are 64 KiB each). */
export const adversarialInput: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 8, arbitrary: collidingBody },
  { weight: 4, arbitrary: mutatedBody },
  { weight: 4, arbitrary: collidingBody.map((text) => new TextEncoder().encode(text)) },
  { weight: 1, arbitrary: bufferEdgeBody },
);

/** Every near miss and hash collision of every wire code, as bodies (deterministic, for a full sweep). */
export function everyTrickyCode(): string[] {
  return [...WIRE_CODES.flatMap(nearMisses), ...COLLIDING_CODES];
}

/** Every key that collides with a key the scanner reads. */
export const collidingKeys: readonly string[] = COLLIDING_KEYS;
