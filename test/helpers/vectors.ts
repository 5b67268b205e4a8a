// Loads the shared decode vectors (the project's copy) and turns each case into inputs.
import { readFileSync } from "node:fs";
import type { HeadersInput } from "../../src/index.js";

export interface VectorCase {
  name: string;
  body: string | null;
  bytesHex?: string;
  status?: number;
  headers?: HeadersInput;
  now?: number;
  inputs?: InputForm[];
  expect: Record<string, unknown>;
}

export type InputForm = "string" | "bytes" | "object";

export const fixture = (name: string): URL => new URL(`../../../test/fixtures/${name}`, import.meta.url);

/** The vector files: the shared ones (a copy of ../shared/vectors) and the project's own for 0.2. */
export const VECTOR_FILES = ["vectors.json", "vectors-0.2.json"] as const;

/** Every case of every vector file. */
export function loadVectors(): VectorCase[] {
  return VECTOR_FILES.flatMap(
    (name) => (JSON.parse(readFileSync(fixture(name), "utf8")) as { cases: VectorCase[] }).cases,
  );
}

/** Every case as one JSON document `{ cases }`, for the runtimes that load it themselves. */
export function vectorsJson(): string {
  return JSON.stringify({ cases: loadVectors() });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The input forms a case lists; by default string, bytes, and object where the body is valid JSON. */
export function formsOf(c: VectorCase): InputForm[] {
  if (c.inputs) return c.inputs;
  const forms: InputForm[] = ["string", "bytes"];
  if (c.body !== null && isJson(c.body)) forms.push("object");
  return forms;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The value of one input form of a case. */
export function inputOf(c: VectorCase, form: InputForm): unknown {
  const bytes = c.bytesHex !== undefined ? hexToBytes(c.bytesHex) : new TextEncoder().encode(c.body ?? "");
  if (form === "bytes") return bytes;
  const text = c.body ?? new TextDecoder().decode(bytes);
  return form === "string" ? text : JSON.parse(text);
}
