// Loads the corpus and the shared vectors into the forms the contenders take.
import { readFileSync } from "node:fs";

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The corpus as a client holds it: `text` is flat, as `Response.text()` makes it (decoded from the
 * UTF-8 bytes, never concatenated), `bytes` the raw body, `object` the parsed body where the text
 * is a JSON object, `headers` a `Headers` like `res.headers`.
 */
export function loadCorpus() {
  const raw = JSON.parse(readFileSync(new URL("../corpus/corpus.json", import.meta.url), "utf8"));
  return raw.entries.map((e, index) => {
    const bytes = encoder.encode(e.body);
    const text = utf8.decode(bytes);
    let object;
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) object = parsed;
    } catch {
      // Not JSON: HTML pages and broken bodies.
    }
    return {
      index,
      kind: e.kind,
      status: e.status,
      headerPairs: e.headers,
      headers: new Headers(e.headers),
      contentType: e.headers.find(([k]) => k === "content-type")?.[1] ?? "application/json",
      text,
      bytes,
      object,
      errcode: typeof object?.errcode === "string" ? object.errcode : undefined,
      size: bytes.byteLength,
    };
  });
}

/** Corpus statistics for the report. */
export function corpusStats(entries) {
  const sizes = entries.map((e) => e.size).sort((a, b) => a - b);
  const q = (p) => sizes[Math.min(sizes.length - 1, Math.floor(p * sizes.length))];
  const kinds = {};
  for (const e of entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  return {
    count: entries.length,
    kinds,
    bytes: { min: sizes[0], p50: q(0.5), p90: q(0.9), p99: q(0.99), max: sizes.at(-1) },
    withRetryAfterHeader: entries.filter((e) => e.headers.has("retry-after")).length,
  };
}

/** A fresh `Response` for a corpus entry (a body can be read once). */
export function responseOf(e) {
  return new Response(e.text, { status: e.status, headers: e.headerPairs });
}

export function loadVectors() {
  const url = new URL("../../test/fixtures/vectors.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")).cases;
}

function hexToBytes(hex) {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The input forms a vector lists: by default string, bytes, and object where the body is JSON. */
export function formsOf(c) {
  if (c.inputs) return c.inputs;
  const forms = ["string", "bytes"];
  if (c.body !== null && isJson(c.body)) forms.push("object");
  return forms;
}

export function vectorBytes(c) {
  return c.bytesHex !== undefined ? hexToBytes(c.bytesHex) : encoder.encode(c.body ?? "");
}

export function vectorText(c) {
  return c.body ?? utf8.decode(vectorBytes(c));
}

export function vectorInput(c, form) {
  if (form === "bytes") return vectorBytes(c);
  const text = vectorText(c);
  return form === "string" ? text : JSON.parse(text);
}

/** The body a third-party client would see as a Matrix error: a JSON object with a string errcode. */
export function wireBody(c) {
  try {
    const text = vectorText(c);
    const parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) && typeof parsed.errcode === "string") {
      return parsed;
    }
  } catch {
    // not JSON
  }
  return undefined;
}

/** Headers of a vector as a `Headers`, with a content type as a server would send it. */
export function vectorHeaders(c) {
  const h = new Headers();
  const given = c.headers;
  if (Array.isArray(given)) for (const [k, v] of given) h.append(k, v);
  else if (given) for (const [k, v] of Object.entries(given)) h.append(k, v);
  if (!h.has("content-type")) {
    const text = vectorText(c).trimStart();
    h.set("content-type", text.startsWith("<") ? "text/html" : "application/json");
  }
  return h;
}
