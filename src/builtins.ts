/**
 * The package's own classes, made at load from the generated table (`dispatch.gen.ts`): one class
 * per canonical errcode, with its static `errcode`, `create`, typed getters and a fixed `name`.
 * `errors.gen.ts` declares each class as a small literal of its own, under its public name and type.
 *
 * @module
 */
import { type Body, readBoolean, readNumber, readString, readStringArray } from "./body.js";
import { type CreateOptions, create, type WireField } from "./create.js";
import { FIELD_ROWS, WIRE_CODES } from "./dispatch.gen.js";
import type { ErrorInit, ErrorResponse } from "./errors.js";
import { named } from "./handoff.js";
import { STATE } from "./state.js";

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
        return read(this[STATE].fields, first) ?? absent;
      }
    : function (this: ErrorResponse) {
        const fields = this[STATE].fields;
        return read(fields, first) ?? read(fields, second) ?? absent;
      };
}

// What `create` sends of each typed field, by wire index: its first (stable) key and its type.
let wires: Record<number, Record<string, WireField>> | undefined;

function wireOf(wire: number): Record<string, WireField> {
  if (wires === undefined) {
    wires = {};
    for (const row of FIELD_ROWS) {
      const fields = wires[row[0] as number] ?? {};
      wires[row[0] as number] = fields;
      fields[row[1] as string] = [row[4] as string, WIRE_TYPES[row[2] as number] as WireField[1]];
    }
  }
  return wires[wire] ?? {};
}

// The wire index of a built-in class, inherited by its subclasses (statics follow the chain).
const WIRE: unique symbol = Symbol("matrix-errors.wire") as never;

// `create` of every built-in class: `this` is the class (or a subclass of it).
function createOf(
  this: ErrorResponseClass & { [WIRE]: number },
  message?: string,
  fields?: CreateOptions,
): ErrorResponse {
  const wire = this[WIRE];
  return create(this, WIRE_CODES[wire] as string, message, fields, wireOf(wire));
}

type Row = readonly (string | number)[];

// The typed-field rows of each wire index, found in one pass: 88 classes each scanning every row
// cost the import ~1 ms in the interpreter.
function rowsOf(): Row[][] {
  const byWire: Row[][] = [];
  for (let i = 0; i < FIELD_ROWS.length; i++) {
    const row = FIELD_ROWS[i] as Row;
    const wire = row[0] as number;
    const rows = byWire[wire] ?? [];
    byWire[wire] = rows;
    rows.push(row);
  }
  return byWire;
}

const ROWS_BY_WIRE: readonly (readonly Row[] | undefined)[] = rowsOf();

/**
 * @internal Makes `cls` the built-in class of the code at wire index `wire`: its static `errcode`,
 * `create`, typed getters and a `name` that survives minification.
 */
export function define(wire: number, cls: ErrorResponseClass): ErrorResponseClass {
  const errcode = WIRE_CODES[wire] as string;
  const name = nameOf(errcode);
  Object.defineProperty(cls, "name", { value: name, configurable: true });
  Object.defineProperty(cls, "errcode", { value: errcode, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(cls, "create", { value: createOf, writable: true, configurable: true });
  Object.defineProperty(cls, WIRE, { value: wire });
  named(cls as { prototype: ErrorResponse }, name);
  const rows = ROWS_BY_WIRE[wire];
  if (rows !== undefined) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Row;
      Object.defineProperty(cls.prototype, row[1] as string, { get: getter(row), configurable: true });
    }
  }
  return cls;
}
