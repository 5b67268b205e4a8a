// What the contract says a decode must give, written from API.md with JSON.parse as the judge,
// independent of the decoders' code: the class name, and the reason for a NonMatrixResponse.
import { registry } from "../../src/index.js";

export interface Expected {
  name: string;
  reason?: string;
}

const MAX = 65_536;

function fromText(text: string): Expected {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.length === 0) return { name: "NonMatrixResponse", reason: "empty" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { name: "NonMatrixResponse", reason: "not_json" };
  }
  return fromValue(parsed);
}

function fromValue(parsed: unknown): Expected {
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { name: "NonMatrixResponse", reason: "not_object" };
  }
  const errcode = (parsed as Record<string, unknown>).errcode;
  if (typeof errcode !== "string") return { name: "NonMatrixResponse", reason: "missing_errcode" };
  return { name: registry.get(errcode)?.prototype.name ?? "CustomErrorResponse" };
}

/** The expected outcome of `decode(input)` with the default registry and limit. */
export function expected(input: unknown): Expected {
  if (input === undefined) return { name: "NonMatrixResponse", reason: "empty" };
  if (typeof input === "string") {
    return input.length > MAX ? { name: "NonMatrixResponse", reason: "too_large" } : fromText(input);
  }
  if (input instanceof Uint8Array) {
    if (input.byteLength > MAX) return { name: "NonMatrixResponse", reason: "too_large" };
    return fromText(new TextDecoder().decode(input));
  }
  if (typeof input === "object" && input !== null && Object.prototype.toString.call(input) === "[object Object]") {
    let copy: Record<string, unknown>;
    try {
      copy = { ...input };
    } catch {
      return { name: "NonMatrixResponse", reason: "unreadable" };
    }
    return fromValue(copy);
  }
  return { name: "NonMatrixResponse", reason: "not_object" };
}
