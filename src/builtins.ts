/**
 * The package's own classes, by canonical errcode: the registry's built-ins and the builder's
 * trusted classes.
 *
 * @module
 */
import type { Body } from "./body.js";
import * as classes from "./errors.gen.js";
import type { ErrorInit, ErrorResponse } from "./errors.js";

/** A subclass of {@link ErrorResponse}, constructed as `new C(body, init)`. */
export type ErrorResponseClass<T extends ErrorResponse = ErrorResponse> = (new (
  body: Body,
  init?: ErrorInit,
) => T) & { readonly errcode?: string | undefined };

/** Every generated class, by its errcode. */
export const BUILTIN_CLASSES: ReadonlyMap<string, ErrorResponseClass> = new Map(
  Object.values(classes).map((cls: ErrorResponseClass) => [cls.errcode as string, cls]),
);
