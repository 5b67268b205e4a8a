/**
 * The runtime map errcode → class. Third parties register their own codes; registries are
 * independent of each other.
 *
 * @module
 */
import { CODES } from "./codes.js";
import { WIRE_CODES, wireIndex } from "./dispatch.gen.js";
import { BUILTIN_CLASSES } from "./errors.gen.js";
import { type Body, BRAND, CustomErrorResponse, type ErrorInit, ErrorResponse, NonMatrixResponse } from "./errors.js";
import { cleanInit, decodeInput, head, nonMatrix, type Parser, textOf } from "./input.js";
import { decodeResponseWith } from "./response.js";
import { buildWithStackFrom, restoreStackCapture, stopStackCapture } from "./stack.js";
import type { DecodeInit, ResponseDecodeOptions } from "./types.js";

/** A subclass of {@link ErrorResponse}, constructed as `new C(body, init)`. */
export type ErrorResponseClass<T extends ErrorResponse = ErrorResponse> = (new (
  body: Body,
  init?: ErrorInit,
) => T) & { readonly errcode?: string | undefined };

/** Options of a {@link Registry}. */
export interface RegistryOptions {
  /** Start with the codes of the spec and the main servers, and their aliases (default `true`). */
  builtins?: boolean;
  /** Capture stack traces of decoded errors (default `true`); `DecodeInit.captureStack` overrides it. */
  captureStack?: boolean;
}

const VALID_ERRCODE = /^[A-Z0-9_.]{1,255}$/;

const TRUSTED: ReadonlySet<ErrorResponseClass> = new Set(BUILTIN_CLASSES);

/** @internal Whether a class is one of the package's own (its constructor reads only known fields). */
export function isBuiltinClass(cls: ErrorResponseClass): boolean {
  return TRUSTED.has(cls);
}
const BUILTIN_ENTRIES: [string, ErrorResponseClass][] = [];
const BUILTIN_ALIASES: [string, string][] = [];
CODES.forEach((row, index) => {
  const cls = BUILTIN_CLASSES[index] as ErrorResponseClass;
  BUILTIN_ENTRIES.push([row.errcode, cls]);
  for (const alias of "aliases" in row ? row.aliases : []) {
    BUILTIN_ENTRIES.push([alias, cls]);
    BUILTIN_ALIASES.push([alias, row.errcode]);
  }
});

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  return value === null ? "null" : typeof value;
}

function checkErrcode(errcode: unknown, what: string): asserts errcode is string {
  if (typeof errcode !== "string" || !VALID_ERRCODE.test(errcode)) {
    throw new TypeError(
      `matrix-errors: ${what} must be 1 to 255 characters of A-Z, 0-9, "_" and ".", got ${describe(errcode)}`,
    );
  }
}

function checkClass(ctor: unknown, errcode: string): asserts ctor is ErrorResponseClass {
  const proto = typeof ctor === "function" ? (ctor as { prototype?: unknown }).prototype : undefined;
  const branded = typeof proto === "object" && proto !== null && (proto as { [BRAND]?: unknown })[BRAND] === true;
  if (!branded || ctor === ErrorResponse || ctor === NonMatrixResponse || proto instanceof NonMatrixResponse) {
    throw new TypeError(
      `matrix-errors: the class registered for ${errcode} must be a subclass of ErrorResponse, got ${describe(ctor)}`,
    );
  }
  const own = (ctor as { errcode?: unknown }).errcode;
  if (own !== undefined && own !== errcode) {
    throw new TypeError(
      `matrix-errors: class ${(ctor as { name: string }).name} has static errcode ${describe(own)}; register it under that code (or alias ${errcode} to it)`,
    );
  }
}

/**
 * A map errcode → class, with unstable aliases, and the decoders that use it.
 *
 * @example
 * const mine = new Registry().register("COM.EXAMPLE.QUOTA_EXCEEDED", QuotaExceeded);
 * mine.decode(body) instanceof QuotaExceeded // true
 */
export class Registry {
  readonly #classes: Map<string, ErrorResponseClass>;
  readonly #aliases: Map<string, string>;
  readonly #captureStack: boolean;
  readonly #parser: Parser;
  /** The class of each built-in wire code, by `wireIndex`: the hot path's lookup, kept in step with #classes. */
  readonly #byWire: (ErrorResponseClass | undefined)[];

  constructor(options?: RegistryOptions) {
    const builtins = options?.builtins !== false;
    this.#classes = new Map(builtins ? BUILTIN_ENTRIES : []);
    this.#byWire = WIRE_CODES.map((code) => this.#classes.get(code));
    this.#aliases = new Map(builtins ? BUILTIN_ALIASES : []);
    this.#captureStack = options?.captureStack !== false;
    this.#parser = {
      text: (text, init) => this.#fromText(text, init),
      bytes: (bytes, init) => {
        const text = textOf(bytes);
        return text.length === 0 ? nonMatrix("empty", "", init) : this.#fromText(text, init);
      },
      object: (body, init) => this.fromBody(body, init, ""),
    };
  }

  /**
   * Registers a class for an errcode. Throws a `TypeError` for an errcode that is not 1–255
   * characters of `A-Z 0-9 _ .`, for a class that is not an `ErrorResponse` subclass, and for a
   * code already registered unless `override` is set.
   */
  register(errcode: string, ctor: ErrorResponseClass, options?: { override?: boolean }): this {
    checkErrcode(errcode, "an errcode");
    checkClass(ctor, errcode);
    if (this.#classes.has(errcode) && options?.override !== true) {
      throw new TypeError(`matrix-errors: ${errcode} is already registered; pass { override: true } to replace it`);
    }
    this.#aliases.delete(errcode);
    this.#set(errcode, ctor);
    // Aliases follow their canonical code to its new class.
    for (const [alias, canonical] of this.#aliases) if (canonical === errcode) this.#set(alias, ctor);
    return this;
  }

  /** Makes `errcode` (an unstable name) decode as the registered code `canonical`. */
  alias(errcode: string, canonical: string, options?: { override?: boolean }): this {
    checkErrcode(errcode, "an alias");
    checkErrcode(canonical, "the canonical errcode");
    const target = this.#aliases.get(canonical) ?? canonical;
    if (target === errcode) {
      throw new TypeError(`matrix-errors: aliasing ${errcode} to ${canonical} would make an alias cycle`);
    }
    const cls = this.#classes.get(target);
    if (cls === undefined) {
      throw new TypeError(`matrix-errors: cannot alias ${errcode} to ${canonical}: ${canonical} is not registered`);
    }
    if (this.#classes.has(errcode) && options?.override !== true) {
      throw new TypeError(`matrix-errors: ${errcode} is already registered; pass { override: true } to replace it`);
    }
    for (const canon of this.#aliases.values()) {
      if (canon === errcode) {
        throw new TypeError(`matrix-errors: ${errcode} has aliases of its own and cannot become an alias`);
      }
    }
    this.#aliases.set(errcode, target);
    this.#set(errcode, cls);
    return this;
  }

  #set(errcode: string, cls: ErrorResponseClass): void {
    this.#classes.set(errcode, cls);
    const wire = wireIndex(errcode);
    if (wire >= 0) this.#byWire[wire] = cls;
  }

  /** The class of an errcode or alias, or `undefined`. */
  get(errcode: string): ErrorResponseClass | undefined {
    return typeof errcode === "string" ? this.#classes.get(errcode) : undefined;
  }

  /** Whether an errcode or alias is registered. */
  has(errcode: string): boolean {
    return typeof errcode === "string" && this.#classes.has(errcode);
  }

  /** The canonical code an errcode stands for: itself, or the code an alias points to. */
  canonical(errcode: string): string {
    return this.#aliases.get(errcode) ?? errcode;
  }

  /** @internal This registry's TypeScript parsing stage, for decoders that fall back on it. */
  get parser(): Parser {
    return this.#parser;
  }

  /** The registered canonical codes (aliases left out). */
  codes(): string[] {
    return [...this.#classes.keys()].filter((code) => !this.#aliases.has(code));
  }

  /**
   * Decodes a parsed object, a JSON string or UTF-8 bytes into an {@link ErrorResponse}.
   * Never throws.
   */
  decode(input: unknown, init?: DecodeInit): ErrorResponse {
    return this.decodeWith(input, init, this.#parser, Registry.prototype.decode);
  }

  /**
   * @internal `decode` with another parsing stage (the WASM scanner): the same init cleaning,
   * front end and stack handling, so decoders differ only in how they parse. `entry` is the
   * public function the caller called: the stack trace starts below it.
   */
  decodeWith(
    input: unknown,
    given: DecodeInit | undefined,
    parser: Parser,
    entry: (...args: never[]) => unknown,
  ): ErrorResponse {
    const init = given === undefined ? undefined : cleanInit(given);
    const capture = init?.captureStack ?? this.#captureStack;
    if (capture !== false) return buildWithStackFrom(entry, () => decodeInput(input, init, parser));
    const limit = stopStackCapture();
    try {
      return decodeInput(input, init, parser);
    } finally {
      restoreStackCapture(limit);
    }
  }

  /** Reads a fetch `Response` (at most `maxBytes`) and decodes it. Never rejects. */
  decodeResponse(res: Response, options?: ResponseDecodeOptions): Promise<ErrorResponse> {
    return decodeResponseWith(res, options, (input, init) => this.decode(input, init));
  }

  /**
   * @internal Builds the result for a parsed body: the registered class, an alias's class, a
   * {@link CustomErrorResponse}, or a {@link NonMatrixResponse}. `text` feeds `raw` on failure.
   */
  fromBody(body: unknown, init: DecodeInit | undefined, text: string): ErrorResponse {
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      return nonMatrix("not_object", head(text), init);
    }
    const errcode = (body as Body).errcode;
    if (typeof errcode !== "string") return nonMatrix("missing_errcode", head(text), init, body as Body);
    return this.construct(errcode, body as Body, init);
  }

  /** @internal Constructs the class of `errcode`; a constructor that throws gives a custom error. */
  construct(errcode: string, body: Body, init: DecodeInit | undefined): ErrorResponse {
    return this.constructClass(this.classFor(errcode), errcode, body, init);
  }

  /**
   * @internal The class of `errcode`: known codes by the generated dispatch (the fastest measured
   * in bench/), others by the map. `wire` is its `wireIndex`, when the caller has it already.
   */
  classFor(errcode: string, wire: number = wireIndex(errcode)): ErrorResponseClass | undefined {
    return wire >= 0 ? this.#byWire[wire] : this.#classes.get(errcode);
  }

  /** @internal Constructs `cls` (from {@link classFor}) for `errcode`, with the fallbacks of `construct`. */
  constructClass(
    cls: ErrorResponseClass | undefined,
    errcode: string,
    body: Body,
    init: DecodeInit | undefined,
  ): ErrorResponse {
    if (cls === undefined) return new CustomErrorResponse(body, init);
    // Built-in classes cannot throw or return something else: skip the guards on the hot path.
    if (TRUSTED.has(cls)) return new cls(body, init);
    let classInit: ErrorInit | undefined = init;
    if (typeof cls.errcode !== "string") {
      const canonical = this.#aliases.get(errcode);
      if (canonical !== undefined) classInit = { ...init, errcode: canonical };
    }
    try {
      const result = new cls(body, classInit);
      if ((result as { [BRAND]?: unknown })[BRAND] === true) return result;
      throw new TypeError(`matrix-errors: the class registered for ${errcode} returned a non-ErrorResponse`);
    } catch (cause) {
      return new CustomErrorResponse(body, { ...init, cause });
    }
  }

  #fromText(text: string, init: DecodeInit | undefined): ErrorResponse {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return nonMatrix("not_json", head(text), init);
    }
    return this.fromBody(body, init, text);
  }
}

/** The default registry: the built-in codes; the top-level `decode` uses it. */
export const registry: Registry = new Registry();
