// fast-check arbitraries for the WASM ≡ TS differential test: JSON bodies written token by token
// (random whitespace, escapes anywhere, keys repeated, number spellings JSON.stringify never
// writes), byte-level mutations of them, deep nesting, and raw strings and bytes. The bodies of
// ./mutate.ts (the hostile suite's) are mixed in too.
import fc from "fast-check";
import { CODES } from "../../src/index.js";
import { bodyBytes, bodyText, mutatedText } from "./mutate.js";

const KNOWN = CODES.flatMap((row) => [row.errcode as string, ...("aliases" in row ? row.aliases : [])]);
const TYPED_KEYS = [...new Set(CODES.flatMap((row) => ("fields" in row ? row.fields.flatMap((f) => f.keys) : [])))];
const SUB_KEYS = ["org.matrix.msc3848.unstable.errcode", "org.matrix.msc4108.errcode", "org.matrix.msc4140.errcode"];
const READ_KEYS = ["errcode", "error", "retry_after_ms", ...SUB_KEYS, ...TYPED_KEYS];

/** A small deterministic PRNG (mulberry32), so one fast-check integer drives a whole rendering. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPACE = [" ", "\t", "\n", "\r"];
const SHORT: Record<string, string> = {
  '"': '\\"',
  "\\": "\\\\",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
};

function space(rand: () => number): string {
  if (rand() < 0.8) return "";
  let out = "";
  const n = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) out += SPACE[Math.floor(rand() * SPACE.length)];
  return out;
}

function hex4(code: number, rand: () => number): string {
  const hex = code.toString(16).padStart(4, "0");
  return `\\u${rand() < 0.5 ? hex : hex.toUpperCase()}`;
}

/** A JSON string literal of `value`, escaping any code unit now and then (and always those JSON requires). */
function quote(value: string, rand: () => number, escapeRate: number): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    const code = value.charCodeAt(i);
    const must = code < 0x20 || ch === '"' || ch === "\\";
    if (must || rand() < escapeRate) {
      const short = SHORT[ch];
      out += short !== undefined && rand() < 0.6 ? short : ch === "/" && rand() < 0.5 ? "\\/" : hex4(code, rand);
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

/** A JSON number spelled any way the grammar allows. */
const numberText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant("0"), fc.stringMatching(/^[1-9][0-9]{0,22}$/)),
    fc.option(fc.stringMatching(/^[0-9]{1,6}$/)),
    fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.stringMatching(/^[0-9]{1,3}$/))),
  )
  .map(([negative, int, frac, exp]) => {
    let text = `${negative ? "-" : ""}${int}`;
    if (frac !== null) text += `.${frac}`;
    if (exp !== null) text += exp.join("");
    return text;
  });

/** A value token: its text is rendered later with the body's PRNG. */
type Token = { string: string } | { raw: string } | { json: unknown };

const stringValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(...KNOWN, "", "\ufeffBOM", "\u2028", "\ud800", "a\udc00b", "\ud83d\ude00") },
);

// Values JSON.parse rejects: numbers, literals and strings spelled almost right.
const BAD_VALUES = [
  ...["01", "00", "-01", "1.", "-.5", ".5", "+1", "1e", "1e+", "1E-", "1.e5", "0x10", "1_0", "--1", "-", "- 1"],
  ...["NaN", "Infinity", "tru", "True", "nul", "nulll", "falsey", "fals", "undefined", "'a'"],
  ...['"\\x"', '"\\u12G4"', '"\\u00"', '"\\U0041"', '"\\', '"\\"', '"a', '"\t"', '"\u0000"', '"\u001f"'],
];

const valueToken: fc.Arbitrary<Token> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...BAD_VALUES).map((raw) => ({ raw })) },
  { weight: 5, arbitrary: stringValue.map((s) => ({ string: s })) },
  { weight: 3, arbitrary: numberText.map((n) => ({ raw: n })) },
  { weight: 2, arbitrary: fc.constantFrom("true", "false", "null").map((raw) => ({ raw })) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })) },
  // Arrays of strings (typed `string[]` fields such as M_SAFETY's harms), sometimes with a non-string.
  {
    weight: 2,
    arbitrary: fc
      .array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(1, null, true)), { maxLength: 4 })
      .map((json) => ({ json })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 300 }), fc.boolean())
      .map(([n, obj]) => ({ raw: obj ? `${'{"a":'.repeat(n)}1${"}".repeat(n)}` : `${"[".repeat(n)}${"]".repeat(n)}` })),
  },
);

const errcodeToken: fc.Arbitrary<Token> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KNOWN).map((s) => ({ string: s })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...KNOWN), fc.nat(), fc.string({ maxLength: 2 }))
      .map(([code, at, chunk]) => ({ string: code.slice(0, at % (code.length + 1)) + chunk })),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z][A-Z0-9_.]{0,40}$/).map((s) => ({ string: s })) },
  { weight: 1, arbitrary: valueToken },
);

const member = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constant("errcode"), errcodeToken) },
  { weight: 2, arbitrary: fc.tuple(fc.constant("error"), valueToken) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...READ_KEYS), valueToken) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), valueToken) },
);

/** The tokens (and whitespace runs) of a body, one array item each, so defects can go between them. */
function tokens(members: [string, Token][], rand: () => number): string[] {
  const escapeRate = rand() < 0.7 ? 0 : rand() * 0.3;
  const out: string[] = [];
  const ws = (): void => {
    const s = space(rand);
    if (s !== "") out.push(s);
  };
  const member = (key: string, value: () => void): void => {
    ws();
    out.push(quote(key, rand, escapeRate));
    ws();
    out.push(":");
    ws();
    value();
    ws();
  };
  const json = (value: unknown): void => {
    if (typeof value === "string") out.push(quote(value, rand, escapeRate));
    else if (Array.isArray(value)) {
      out.push("[");
      value.forEach((item, i) => {
        if (i > 0) out.push(",");
        ws();
        json(item);
        ws();
      });
      out.push("]");
    } else if (typeof value === "object" && value !== null) {
      out.push("{");
      Object.entries(value).forEach(([key, item], i) => {
        if (i > 0) out.push(",");
        member(key, () => json(item));
      });
      out.push("}");
    } else out.push(JSON.stringify(value));
  };
  ws();
  out.push("{");
  members.forEach(([key, token], i) => {
    if (i > 0) out.push(",");
    member(key, () => {
      if ("string" in token) out.push(quote(token.string, rand, escapeRate));
      else if ("raw" in token) out.push(token.raw);
      else json(token.json);
    });
  });
  if (members.length === 0) ws();
  out.push("}");
  ws();
  return out;
}

const bodyTokens = fc
  .tuple(
    fc.option(errcodeToken, { freq: 8 }),
    fc.array(member, { maxLength: 6 }),
    fc.option(errcodeToken, { freq: 2 }),
    fc.integer(),
  )
  .map(([first, members, last, seed]) => {
    const all: [string, Token][] = [];
    if (first !== null) all.push(["errcode", first]);
    all.push(...members);
    if (last !== null) all.push(["errcode", last]);
    return tokens(all, random(seed));
  });

/** A body written by hand, token by token: valid JSON, errcode usually there, keys often repeated. */
export const writtenBody = bodyTokens.map((out) => out.join(""));

// What JSON.parse rejects (and a few things it accepts), put between tokens or in place of one.
const DEFECTS = [
  ...[",", ":", "{", "}", "[", "]", '"', "\\", '"a"', '"a":1', ',"a":1', '"":{}', "[]", "{}"],
  ...["0", "-", "-0", "01", "00", "1.", ".5", "+1", "1e", "1E+", "0e0", "0x10", "1_0", "--1", "NaN", "Infinity"],
  ...["tru", "True", "nul", "falsey", "undefined", "'a'", "//", "/**/", "é", " ", "\r\n"],
  ...['"\\x"', '"\\u12G4"', '"\\u00"', '"\\U0041"', '"\\/"', '"\\u0000"', '"\t"', '"\u0000"', '"\u007f"', '"\ud800"'],
  ...["\u000b", "\u000c", "\u00a0", "\u2028", "\ufeff", "\u0000"],
];

/** A written body with one defect: a token inserted, dropped, replaced or repeated. */
export const defectiveBody = fc
  .tuple(
    bodyTokens,
    fc.constantFrom("insert", "drop", "replace", "repeat"),
    fc.nat(),
    fc.boolean(),
    fc.oneof(fc.constantFrom(...DEFECTS), fc.constantFrom(",", ":", "}", "]", '"', "0", "\\")),
  )
  .map(([out, how, at, nearClose, defect]) => {
    const edited = [...out];
    // Half the time next to a closing bracket, where lenient parsers let trailing commas through.
    const closers = edited.flatMap((t, i) => (t === "}" || t === "]" ? [i] : []));
    const i = nearClose && closers.length > 0 ? (closers[at % closers.length] as number) : at % edited.length;
    if (how === "insert") edited.splice(i, 0, defect);
    else if (how === "drop") edited.splice(i, 1);
    else if (how === "replace") edited[i] = defect;
    else edited.splice(i, 0, edited[i] as string);
    return edited.join("");
  });

const POKES = [
  "",
  " ",
  "\t",
  '"',
  "\\",
  "\\u",
  "\\u00",
  "\\ud800",
  "\\x",
  ",",
  ":",
  "{",
  "}",
  "[",
  "]",
  "0",
  "-",
  "01",
  "1.",
  ".5",
  "e",
  "+",
  "tru",
  "nul",
  "\u0000",
  "\u001f",
  "\u007f",
  "é",
  "\ufeff",
  "\u2028",
];
const BYTES = [
  0x00, 0x09, 0x0a, 0x1f, 0x20, 0x22, 0x2c, 0x3a, 0x5c, 0x5d, 0x7b, 0x7d, 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed,
  0xef, 0xf0, 0xf4, 0xf5, 0xff,
];

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A written body's UTF-8, mutated as truncation, bit rot and bad proxies do. */
export const mutatedBytes = fc
  .tuple(
    writtenBody,
    fc.array(
      fc.tuple(
        fc.constantFrom("truncate", "byte", "poke", "delete", "repeat", "bom"),
        fc.nat(),
        fc.constantFrom(...BYTES),
        fc.constantFrom(...POKES),
      ),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) => {
    let bytes: Uint8Array = new TextEncoder().encode(text);
    for (const [how, at, byte, poke] of edits) {
      const i = bytes.length === 0 ? 0 : at % (bytes.length + 1);
      const half = Math.floor(i / 2);
      if (how === "truncate") bytes = bytes.slice(0, i);
      else if (how === "byte" && bytes.length > 0) bytes[i % bytes.length] = byte;
      else if (how === "poke") bytes = join(bytes.subarray(0, i), new TextEncoder().encode(poke), bytes.subarray(i));
      else if (how === "delete") bytes = join(bytes.subarray(0, i), bytes.subarray(i + 1 + (at % 3)));
      else if (how === "repeat") bytes = join(bytes.subarray(0, i), bytes.subarray(half, i), bytes.subarray(half));
      else bytes = join(new Uint8Array([0xef, 0xbb, 0xbf]), bytes);
    }
    return bytes;
  });

/** Nesting of every shape around a known body, balanced or not (shallow enough for deep-equal to compare). */
export const nested = fc
  .tuple(
    fc.integer({ min: 1, max: 1_000 }),
    fc.constantFrom("[", '{"a":', '[{"b":'),
    fc.integer({ min: -2, max: 2 }),
    fc.boolean(),
  )
  .map(([depth, open, skew, inside]) => {
    const close = open === "[" ? "]" : open === '{"a":' ? "}" : "}]";
    const value = `${open.repeat(depth)}${open === "[" ? "" : "0"}${close.repeat(Math.max(0, depth + skew))}`;
    return inside ? `{"errcode":"M_FORBIDDEN","error":"deep","x":${value}}` : value;
  });

/** Every kind of input the differential test feeds both decoders, as text or as bytes. */
export const differentialInput: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 6, arbitrary: writtenBody },
  { weight: 4, arbitrary: defectiveBody },
  { weight: 6, arbitrary: mutatedBytes },
  { weight: 2, arbitrary: bodyText },
  { weight: 2, arbitrary: mutatedText },
  { weight: 1, arbitrary: bodyBytes },
  { weight: 1, arbitrary: nested },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 80 }) },
);
