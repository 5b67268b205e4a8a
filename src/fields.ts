/**
 * Typed reads of body fields: a value of the wrong type reads as absent.
 *
 * @module
 */
import type { Body } from "./errors.js";

/** `body[key]` when it is a string. */
export function readString(body: Body, key: string): string | undefined {
  const value = body[key];
  return typeof value === "string" ? value : undefined;
}

/** `body[key]` when it is a boolean. */
export function readBoolean(body: Body, key: string): boolean | undefined {
  const value = body[key];
  return typeof value === "boolean" ? value : undefined;
}

/** `body[key]` when it is a number. */
export function readNumber(body: Body, key: string): number | undefined {
  const value = body[key];
  return typeof value === "number" ? value : undefined;
}
