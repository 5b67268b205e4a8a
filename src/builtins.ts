/**
 * The package's own classes, made at load from the generated table (`dispatch.gen.ts`): one class
 * per canonical errcode, with its static `errcode`, `create`, typed getters and a fixed `name`.
 * Made in a loop, not declared one by one: 88 class declarations cost the import ~1 ms and the
 * bundle ~19 KB; `errors.gen.ts` gives each its public name and type.
 *
 * @module
 */
import { type Body, readBoolean, readNumber, readString, readStringArray } from "./body.js";
import { type CreateOptions, create, type WireField } from "./create.js";
import { CANONICAL, FIELD_ROWS, WIRE_CODES } from "./dispatch.gen.js";
import { type ErrorInit, ErrorResponse, FIELDS, named } from "./errors.js";

/** A subclass of {@link ErrorResponse}, constructed as `new C(body, init)`. */
export type ErrorResponseClass<T extends ErrorResponse = ErrorResponse> = (new (
  body: Body,
  init?: ErrorInit,
) => T) & { readonly errcode?: string | undefined };

/** The static side of a built-in class: `T` is its instances, `F` the typed fields `create` takes. */
export interface BuiltinClass<T extends ErrorResponse, F = unknown> {
  new (body: Body, init?: ErrorInit): T;
  readonly prototype: T;
  /** The canonical errcode of the class. */
  readonly errcode: T["errcode"];
  /** An error of this class built by hand (servers): its typed fields by camelCase name. Never throws. */
  create(message?: string, fields?: CreateOptions & F): T;
}

const READERS = [readString, readBoolean, readNumber, readStringArray] as const;
const WIRE_TYPES = ["string", "boolean", "number", "string[]"] as const;

/** The class name of a code: without `M_`, split on `_`, each word capitalised (the table's rule). */
function nameOf(errcode: string): string {
  let name = "";
  for (const word of errcode.slice(2).split("_")) name += word.charAt(0) + word.slice(1).toLowerCase();
  return name;
}

function getter(row: readonly (string | number)[]): () => unknown {
  const read = READERS[row[2] as number] as (body: Body, key: string) => unknown;
  const absent = row[3] === -1 ? undefined : row[3] === 1;
  const first = row[4] as string;
  const second = row[5] as string | undefined;
  // One or two keys (stable name, then unstable): no loop on the getter's path.
  return second === undefined
    ? function (this: ErrorResponse) {
        return read(this[FIELDS], first) ?? absent;
      }
    : function (this: ErrorResponse) {
        return read(this[FIELDS], first) ?? read(this[FIELDS], second) ?? absent;
      };
}

function define(errcode: string, wire: Readonly<Record<string, WireField>>): ErrorResponseClass {
  // Every class comes from this one literal: they share their code, and its warm-up.
  const cls = class extends ErrorResponse {
    // Explicit: Node 20's V8 runs an implicit derived constructor as `super(...args)`.
    constructor(body: Body, init?: ErrorInit) {
      super(body, init);
    }
    static create(message?: string, fields?: CreateOptions): ErrorResponse {
      // biome-ignore lint/complexity/noThisInStatic: a subclass's `create` makes an instance of the subclass.
      return create(this, errcode, message, fields, wire);
    }
  };
  const name = nameOf(errcode);
  Object.defineProperty(cls, "name", { value: name, configurable: true });
  Object.defineProperty(cls, "errcode", { value: errcode, writable: true, enumerable: true, configurable: true });
  named(cls, name);
  return cls;
}

/** Every built-in class, by wire index (an alias's entry is its canonical code's class). */
export const CLASS_BY_WIRE: readonly ErrorResponseClass[] = (() => {
  // What `create` sends of each typed field: its first (stable) key and its type.
  const wires: Record<number, Record<string, WireField>> = {};
  for (const row of FIELD_ROWS) {
    const wire = wires[row[0] as number] ?? {};
    wires[row[0] as number] = wire;
    wire[row[1] as string] = [row[4] as string, WIRE_TYPES[row[2] as number] as WireField[1]];
  }
  const classes: ErrorResponseClass[] = [];
  for (let i = 0; i < WIRE_CODES.length; i++) {
    const canonical = CANONICAL[i] as number;
    classes.push(
      canonical === i ? define(WIRE_CODES[i] as string, wires[i] ?? {}) : (classes[canonical] as ErrorResponseClass),
    );
  }
  for (const row of FIELD_ROWS) {
    const prototype = (classes[row[0] as number] as ErrorResponseClass).prototype;
    Object.defineProperty(prototype, row[1] as string, { get: getter(row), configurable: true });
  }
  return classes;
})();

/** Every generated class, by its errcode. */
export const BUILTIN_CLASSES: ReadonlyMap<string, ErrorResponseClass> = new Map(
  CLASS_BY_WIRE.filter((_, i) => CANONICAL[i] === i).map((cls) => [cls.errcode as string, cls]),
);
