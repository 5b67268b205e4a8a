/**
 * The package's own classes (generated in `errors.gen.ts`), by errcode and by wire index: the
 * registry's built-ins and the builder's trusted classes.
 *
 * @module
 */
import type { ErrorResponseClass } from "./builtins.js";
import { CANONICAL, WIRE_CODES } from "./dispatch.gen.js";
import * as classes from "./errors.gen.js";

/** Every built-in class, by its canonical errcode. */
export const BUILTIN_CLASSES: ReadonlyMap<string, ErrorResponseClass> = new Map(
  Object.values(classes).map((cls: ErrorResponseClass) => [cls.errcode as string, cls]),
);

/** Every built-in class, by wire index (an alias's entry is its canonical code's class). */
export const CLASS_BY_WIRE: readonly ErrorResponseClass[] = WIRE_CODES.map(
  (_, wire) => BUILTIN_CLASSES.get(WIRE_CODES[CANONICAL[wire] as number] as string) as ErrorResponseClass,
);
