// fast-check arbitraries of Matrix error bodies: valid ones, and mutations of them.
import fc from "fast-check";
import { CODES } from "../../src/index.js";

const KNOWN = CODES.flatMap((row) => [
  row.errcode as string,
  ...("aliases" in row ? (row.aliases as readonly string[]) : []),
]);
const TYPED_KEYS = [
  ...new Set(CODES.flatMap((row) => ("fields" in row ? row.fields.flatMap((f) => f.keys as readonly string[]) : []))),
];

const errcode = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KNOWN) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z][A-Z0-9_.]{0,30}$/) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "prototype", "") },
);

const scalar = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const typedEntry = fc.tuple(
  fc.constantFrom("retry_after_ms", ...TYPED_KEYS),
  fc.oneof(scalar, fc.jsonValue({ maxDepth: 2 })),
);
const extraEntry = fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }));

/** A JSON object body: errcode (maybe), error (maybe, any type), typed keys and extra keys, in any order. */
export const bodyObject = fc
  .record(
    {
      errcode: fc.oneof({ weight: 9, arbitrary: errcode }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
      error: fc.oneof(
        { weight: 8, arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }) },
        { weight: 1, arbitrary: scalar },
      ),
      typed: fc.array(typedEntry, { maxLength: 4 }),
      extra: fc.array(extraEntry, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  )
  .map(({ errcode, error, typed, extra }) => {
    const entries: [string, unknown][] = [...(typed ?? []), ...(extra ?? [])];
    if (error !== undefined) entries.push(["error", error]);
    if (errcode !== undefined) entries.push(["errcode", errcode]);
    return Object.fromEntries(entries.reverse());
  });

/** Body text: compact, spaced or pretty JSON of a body object. */
export const bodyText = fc
  .tuple(bodyObject, fc.constantFrom(undefined, 1, "\t", "  "))
  .map(([body, space]) => JSON.stringify(body, null, space));

/** A body text mutated as proxies, truncation and bit rot do. */
export const mutatedText = fc
  .tuple(
    bodyText,
    fc.nat(),
    fc.constantFrom("truncate", "flip", "insert", "delete", "escape", "space", "wrap"),
    fc.string({ unit: "binary", minLength: 1, maxLength: 3 }),
  )
  .map(([text, at, how, chunk]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    switch (how) {
      case "truncate":
        return text.slice(0, i);
      case "flip":
        return text.slice(0, i) + chunk + text.slice(i + 1);
      case "insert":
        return text.slice(0, i) + chunk + text.slice(i);
      case "delete":
        return text.slice(0, i) + text.slice(i + chunk.length);
      case "escape":
        return text.replace(/[a-z]/, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
      case "space":
        return text.replace(/[:,]/g, (c) => ` \n${c}\t `);
      default:
        return `${"[".repeat(i % 50)}${text}${"]".repeat(i % 50)}`;
    }
  });

/** Raw bytes: random, or the UTF-8 of a (mutated) body with a byte flipped. */
export const bodyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.tuple(mutatedText, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([text, at, byte]) => {
    const bytes = new TextEncoder().encode(text);
    if (bytes.length > 0) bytes[at % bytes.length] = byte;
    return bytes;
  }),
);
