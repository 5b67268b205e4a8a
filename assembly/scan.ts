// The WASM scanner: validates a JSON body held as UTF-8 in a fixed input buffer, as strictly as
// JSON.parse, and reports where the values of the keys the decoder reads are (errcode, error,
// retry_after_ms, typed fields), with the errcode's index in the generated table. No allocator, no
// strings, no imports, no recursion: nesting is tracked with one bit per level.
import {
  CODE_BITS,
  CODE_COUNT,
  CODE_SLOTS,
  KEY_BITS,
  KEY_SLOTS,
  LENGTHS,
  MAX_CODE_LENGTH,
  MAX_KEY_LENGTH,
  OFFSETS,
  STRINGS,
} from "./codes.gen";
import {
  ESCAPED,
  EXACT,
  FALSE,
  FINGERPRINT,
  MAX_SLOTS,
  NON_ASCII,
  NON_ASCII_SEEN,
  NOT_JSON,
  NOT_OBJECT,
  NUMBER,
  OBJECT,
  OTHER,
  RESULT_CODE,
  RESULT_MASK,
  SLOT_FIRST,
  SLOT_WORDS,
  STRING,
  TRUE,
} from "./interface.gen";

// The input buffer holds the default size limit (64 KiB); JS decodes longer bodies itself. It is
// followed by a zero byte (a sentinel that no JSON token accepts, so no loop needs a bounds check)
// and padding for 8-byte reads.
const CAPACITY: i32 = 65536;
const INPUT: usize = memory.data(CAPACITY + 16, 16);
// One bit per nesting level (1 = object, 0 = array); a body of CAPACITY bytes nests at most that deep.
const STACK: usize = memory.data(CAPACITY >> 3, 16);
// Unescaped errcodes and keys, for matching.
const SCRATCH: usize = memory.data(64, 16);
// Results, laid out as scripts/gen/interface.mjs says (both sides are generated from it); and an
// f64 per slot at NUMBERS for numbers that are exact as parsed here.
const RESULT: usize = memory.data((SLOT_FIRST + SLOT_WORDS * MAX_SLOTS) * 4, 16);
const NUMBERS: usize = memory.data(8 * MAX_SLOTS, 16);

const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;

// Set by scanString / scanNumber for the value just scanned.
let stringFlags: i32 = 0;
let numberValue: f64 = 0;
let numberExact: bool = false;
// Every byte of every string, or'ed: bit 7 says the body is not all ASCII.
let seenBytes: u64 = 0;

export function inputPointer(): usize {
  return INPUT;
}

export function inputCapacity(): i32 {
  return CAPACITY;
}

export function resultPointer(): usize {
  return RESULT;
}

export function numbersPointer(): usize {
  return NUMBERS;
}

/** The fingerprint of the table and interface this module was built with. */
export function fingerprint(): i32 {
  return FINGERPRINT;
}

// @ts-ignore: decorator
@inline function isSpace(c: u32): bool {
  return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09;
}

// @ts-ignore: decorator
@inline function isDigit(c: u32): bool {
  return c - 0x30 < 10;
}

// @ts-ignore: decorator
@inline function hexValue(c: u32): i32 {
  if (c - 0x30 < 10) return <i32>(c - 0x30);
  const l = c | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x57);
  return -1;
}

// Most bodies are compact: one compare, inlined, before the loop.
// @ts-ignore: decorator
@inline function skipSpace(p: usize): usize {
  if (load<u8>(p) > 0x20) return p;
  while (isSpace(load<u8>(p))) p++;
  return p;
}

// Four hex digits at p as a code unit, or -1.
function hex4(p: usize): i32 {
  const a = hexValue(load<u8>(p));
  const b = hexValue(load<u8>(p + 1));
  const c = hexValue(load<u8>(p + 2));
  const d = hexValue(load<u8>(p + 3));
  if ((a | b | c | d) < 0) return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

// What a one-letter escape stands for, or -1 for a letter JSON does not allow.
function escapeValue(c: u32): i32 {
  switch (c) {
    case 0x22:
    case 0x5c:
    case 0x2f:
      return <i32>c;
    case 0x62:
      return 0x08;
    case 0x66:
      return 0x0c;
    case 0x6e:
      return 0x0a;
    case 0x72:
      return 0x0d;
    case 0x74:
      return 0x09;
    default:
      return -1;
  }
}

// Scans a string whose first byte is at p (after the opening quote). Returns the position of the
// closing quote, or 0. Eight bytes at a time until a quote, a backslash or a control byte.
function scanString(p: usize): usize {
  let bytes: u64 = 0;
  let escaped = false;
  while (true) {
    const x = load<u64>(p);
    const q = x ^ (ONES * 0x22);
    const b = x ^ (ONES * 0x5c);
    const stop = (((x - ONES * 0x20) & ~x) | ((q - ONES) & ~q) | ((b - ONES) & ~b)) & HIGHS;
    if (stop == 0) {
      bytes |= x;
      p += 8;
      continue;
    }
    // The lowest flagged byte is exact (borrows only flag bytes above a real hit).
    const k = <u64>ctz(stop) >> 3;
    bytes |= x & ((<u64>1 << (k << 3)) - 1);
    p += <usize>k;
    const c = <u32>load<u8>(p);
    if (c == 0x22) break;
    if (c != 0x5c) return 0; // a control byte, or the end of the input
    const e = <u32>load<u8>(p + 1);
    if (e == 0x75) {
      if (hex4(p + 2) < 0) return 0;
      p += 6;
    } else {
      if (escapeValue(e) < 0) return 0;
      p += 2;
    }
    escaped = true;
  }
  seenBytes |= bytes;
  stringFlags = (escaped ? ESCAPED : 0) | ((bytes & HIGHS) != 0 ? NON_ASCII : 0);
  return p;
}

// Scans a number starting at p. Returns its end, or 0. An integer of at most 15 digits is parsed
// here (exactly); other numbers are left to JS.
function scanNumber(p: usize): usize {
  let negative = false;
  if (load<u8>(p) == 0x2d) {
    negative = true;
    p++;
  }
  let c = <u32>load<u8>(p);
  let value: u64 = 0;
  let digits = 0;
  if (c == 0x30) {
    p++;
    digits = 1;
  } else if (c - 0x31 < 9) {
    do {
      value = value * 10 + <u64>(c - 0x30);
      digits++;
      c = <u32>load<u8>(++p);
    } while (isDigit(c));
  } else {
    return 0;
  }
  let exact = digits <= 15;
  c = <u32>load<u8>(p);
  if (c == 0x2e) {
    if (!isDigit(load<u8>(++p))) return 0;
    while (isDigit(load<u8>(++p))) {}
    exact = false;
    c = <u32>load<u8>(p);
  }
  if ((c | 0x20) == 0x65) {
    c = <u32>load<u8>(++p);
    if (c == 0x2b || c == 0x2d) c = <u32>load<u8>(++p);
    if (!isDigit(c)) return 0;
    while (isDigit(load<u8>(++p))) {}
    exact = false;
  }
  numberExact = exact;
  numberValue = negative ? -(<f64>value) : <f64>value;
  return p;
}

// Scans `true`, `false` or `null` at p. Returns its end, or 0. The sentinel stops reads past the end.
function scanLiteral(p: usize): usize {
  const w = load<u32>(p);
  if (w == 0x65757274 || w == 0x6c6c756e) return p + 4; // "true", "null"
  if (w == 0x736c6166 && load<u8>(p + 4) == 0x65) return p + 5; // "false"
  return 0;
}

// Scans `"key"` and the colon after it, at p. Returns where the value starts, or 0.
function skipKey(p: usize): usize {
  if (load<u8>(p) != 0x22) return 0;
  p = scanString(p + 1);
  if (p == 0) return 0;
  p = skipSpace(p + 1);
  if (load<u8>(p) != 0x3a) return 0;
  return skipSpace(p + 1);
}

// @ts-ignore: decorator
@inline function setLevel(depth: u32, isObject: bool): void {
  const at = STACK + <usize>(depth >> 3);
  const bit = <u8>(1 << <u8>(depth & 7));
  store<u8>(at, isObject ? load<u8>(at) | bit : load<u8>(at) & ~bit);
}

// @ts-ignore: decorator
@inline function isObjectLevel(depth: u32): bool {
  return (load<u8>(STACK + <usize>(depth >> 3)) & (1 << (depth & 7))) != 0;
}

// Scans any value at p. Returns its end, or 0. Containers are walked with a bit stack, not recursion.
function skipValue(p: usize): usize {
  let depth: u32 = 0;
  while (true) {
    let c = <u32>load<u8>(p);
    if (c == 0x7b || c == 0x5b) {
      const isObject = c == 0x7b;
      p = skipSpace(p + 1);
      if (load<u8>(p) == (isObject ? 0x7d : 0x5d)) {
        p++;
      } else {
        setLevel(depth++, isObject);
        if (isObject) {
          p = skipKey(p);
          if (p == 0) return 0;
        }
        continue;
      }
    } else if (c == 0x22) {
      p = scanString(p + 1);
      if (p == 0) return 0;
      p++;
    } else if (c == 0x2d || isDigit(c)) {
      p = scanNumber(p);
      if (p == 0) return 0;
    } else {
      p = scanLiteral(p);
      if (p == 0) return 0;
    }
    // A value is complete: close the containers it ends, or step to the next element.
    while (true) {
      if (depth == 0) return p;
      p = skipSpace(p);
      c = <u32>load<u8>(p);
      const isObject = isObjectLevel(depth - 1);
      if (c == 0x2c) {
        p = skipSpace(p + 1);
        if (isObject) {
          p = skipKey(p);
          if (p == 0) return 0;
        }
        break;
      }
      if (c != (isObject ? 0x7d : 0x5d)) return 0;
      p++;
      depth--;
    }
  }
}

// Unescapes the string bytes [s, e) into SCRATCH when every character is ASCII and there are at
// most `max`. Returns the length, or -1.
function unescapeAscii(s: usize, e: usize, max: i32): i32 {
  let n = 0;
  while (s < e) {
    let c = <i32>load<u8>(s);
    if (c == 0x5c) {
      const d = <u32>load<u8>(s + 1);
      if (d == 0x75) {
        c = hex4(s + 2);
        s += 6;
      } else {
        c = escapeValue(d);
        s += 2;
      }
    } else {
      s++;
    }
    if (c >= 0x80 || n >= max) return -1;
    store<u8>(SCRATCH + <usize>n, <u8>c);
    n++;
  }
  return n;
}

// A hash of the bytes [p, p + n) from their first and last eight (or four) bytes and the length,
// to `bits` bits. scripts/gen/assembly.mjs computes the same to build the indexes.
// @ts-ignore: decorator
@inline function hash(p: usize, n: i32, bits: i32): u32 {
  let a: u64 = 0;
  let b: u64 = 0;
  if (n >= 8) {
    a = load<u64>(p);
    b = load<u64>(p + <usize>n - 8);
  } else if (n >= 4) {
    a = <u64>load<u32>(p);
    b = <u64>load<u32>(p + <usize>n - 4);
  } else if (n > 0) {
    a = <u64>load<u8>(p) | (<u64>load<u8>(p + <usize>n - 1) << 8) | (<u64>load<u8>(p + <usize>(n >> 1)) << 16);
  }
  const x = a ^ rotl<u64>(b, 29) ^ (<u64>n << 56);
  return <u32>((x * 0x9e3779b97f4a7c15) >> <u64>(64 - bits));
}

// Whether the n bytes at p and q are equal, eight at a time (the last eight overlapping).
// @ts-ignore: decorator
@inline function equal(p: usize, q: usize, n: i32): bool {
  if (n < 8) return memory.compare(p, q, <usize>n) == 0;
  const last = <usize>n - 8;
  for (let i: usize = 0; i < last; i += 8) {
    if (load<u64>(p + i) != load<u64>(q + i)) return false;
  }
  return load<u64>(p + last) == load<u64>(q + last);
}

// The entry of the bytes [p, p + n) in an index, or -1.
// @ts-ignore: decorator
@noinline function lookup(p: usize, n: i32, slots: usize, bits: i32): i32 {
  const mask: u32 = (1 << bits) - 1;
  let slot = hash(p, n, bits);
  while (true) {
    const entry = <i32>load<u8>(slots + <usize>slot) - 1;
    if (entry < 0) return -1;
    if (<i32>load<u8>(LENGTHS + <usize>entry) == n) {
      if (equal(p, STRINGS + <usize>load<u16>(OFFSETS + (<usize>entry << 1)), n)) return entry;
    }
    slot = (slot + 1) & mask;
  }
}

// The entry of the string [s, e) with flags, in an index, or -1.
function match(s: usize, e: usize, flags: i32, slots: usize, bits: i32, max: i32): i32 {
  if (flags & NON_ASCII) return -1;
  if (flags & ESCAPED) {
    const n = unescapeAscii(s, e, max);
    return n < 0 ? -1 : lookup(SCRATCH, n, slots, bits);
  }
  const n = <i32>(e - s);
  return n > max ? -1 : lookup(s, n, slots, bits);
}

// @ts-ignore: decorator
@inline function record(slot: i32, kind: i32, start: usize, end: usize): void {
  const at = RESULT + <usize>(SLOT_FIRST + SLOT_WORDS * slot) * 4;
  store<i32>(at, kind);
  store<i32>(at, <i32>(start - INPUT), 4);
  store<i32>(at, <i32>(end - INPUT), 8);
  const mask = RESULT + <usize>RESULT_MASK * 4;
  store<i32>(mask, load<i32>(mask) | (1 << slot));
}

// Scans the value of a member whose key is slot `slot` (-1: a key the decoder does not read).
function member(p: usize, slot: i32): usize {
  if (slot < 0) return skipValue(p);
  const c = <u32>load<u8>(p);
  if (c == 0x22) {
    const e = scanString(p + 1);
    if (e == 0) return 0;
    record(slot, STRING | stringFlags, p + 1, e);
    if (slot == 0) {
      store<i32>(RESULT + <usize>RESULT_CODE * 4, match(p + 1, e, stringFlags, CODE_SLOTS, CODE_BITS, MAX_CODE_LENGTH));
    }
    return e + 1;
  }
  if (c == 0x2d || isDigit(c)) {
    const e = scanNumber(p);
    if (e == 0) return 0;
    record(slot, NUMBER | (numberExact ? EXACT : 0), p, e);
    store<f64>(NUMBERS + (<usize>slot << 3), numberValue);
    return e;
  }
  const e = skipValue(p);
  if (e == 0) return 0;
  const w = load<u8>(p);
  record(slot, w == 0x74 ? TRUE : w == 0x66 ? FALSE : OTHER, p, e);
  return e;
}

/**
 * Scans the `length` bytes at inputPointer(). Returns OBJECT (| NON_ASCII_SEEN), NOT_JSON or
 * NOT_OBJECT; for an object, the results are at resultPointer() and numbersPointer().
 */
export function scan(length: i32): i32 {
  if (<u32>length > <u32>CAPACITY) return NOT_JSON;
  const end = INPUT + <usize>length;
  store<u64>(end, 0);
  store<i32>(RESULT + <usize>RESULT_MASK * 4, 0);
  seenBytes = 0;
  let p = skipSpace(INPUT);
  if (load<u8>(p) != 0x7b) {
    p = skipValue(p);
    if (p == 0 || skipSpace(p) != end) return NOT_JSON;
    return NOT_OBJECT;
  }
  p = skipSpace(p + 1);
  if (load<u8>(p) == 0x7d) {
    p++;
  } else {
    while (true) {
      if (load<u8>(p) != 0x22) return NOT_JSON;
      const ks = p + 1;
      const ke = scanString(ks);
      if (ke == 0) return NOT_JSON;
      const slot = match(ks, ke, stringFlags, KEY_SLOTS, KEY_BITS, MAX_KEY_LENGTH);
      p = skipSpace(ke + 1);
      if (load<u8>(p) != 0x3a) return NOT_JSON;
      p = member(skipSpace(p + 1), slot < 0 ? -1 : slot - CODE_COUNT);
      if (p == 0) return NOT_JSON;
      p = skipSpace(p);
      const c = load<u8>(p);
      if (c == 0x2c) {
        p = skipSpace(p + 1);
        continue;
      }
      if (c != 0x7d) return NOT_JSON;
      p++;
      break;
    }
  }
  if (skipSpace(p) != end) return NOT_JSON;
  return (seenBytes & HIGHS) != 0 ? OBJECT | NON_ASCII_SEEN : OBJECT;
}
