/**
 * The runtime map errcode → class. Third parties register their own codes; registries are
 * independent of each other. Decoding itself is `decoder.ts`'s; the registry only answers
 * "which class".
 *
 * @module
 */

import type { ErrorResponseClass } from "./builtins.js";
import { CLASS_BY_WIRE } from "./classes.gen.js";
import { cleanInit, decodeResponseWith, decodeWith, wantsStack } from "./decoder.js";
import { CANONICAL, WIRE_CODES, wireIndex } from "./dispatch.gen.js";
import type { ErrorResponse } from "./errors.js";
import { jsonParser } from "./parse.js";
import { beginCapture, captureStackTrace, endCapture } from "./stack.js";
import type { DecodeInit, ResponseDecodeOptions } from "./types.js";
import { checkClass, checkErrcode } from "./validate.js";

export type { ErrorResponseClass } from "./builtins.js";

/** Options of a {@link Registry}. */
export interface RegistryOptions {
  /** Start with the codes of the spec and the main servers, and their aliases (default `true`). */
  builtins?: boolean | undefined;
  /** Capture stack traces of decoded errors (default `true`); `DecodeInit.captureStack` overrides it. */
  captureStack?: boolean | undefined;
}

const BUILTIN_ENTRIES: [string, ErrorResponseClass][] = [];
const BUILTIN_ALIASES: [string, string][] = [];
WIRE_CODES.forEach((code, wire) => {
  const canonical = WIRE_CODES[CANONICAL[wire] as number] as string;
  BUILTIN_ENTRIES.push([code, CLASS_BY_WIRE[wire] as ErrorResponseClass]);
  if (canonical !== code) BUILTIN_ALIASES.push([code, canonical]);
});

/** @internal Which class decodes `errcode` (table index `wire`) in a registry of this copy or another. */
export let classOf: (registry: Registry, errcode: string, wire: number) => ErrorResponseClass | undefined;
/** @internal Whether a registry captures stacks by default. */
export let capturesStacks: (registry: Registry) => boolean;

/**
 * A map errcode → class, with unstable aliases, and the decoders that use it.
 *
 * @example
 * const mine = new Registry().register("COM.EXAMPLE.QUOTA_EXCEEDED", QuotaExceeded);
 * mine.decode(body) instanceof QuotaExceeded // true
 */
export class Registry {
  readonly #classes: Map<string, ErrorResponseClass>;
  /** alias → canonical code. */
  readonly #aliases: Map<string, string>;
  /** canonical code → its aliases: keeps `alias` and `register` linear. */
  readonly #aliasesOf: Map<string, Set<string>>;
  readonly #captureStack: boolean;
  /** The class of each built-in wire code, by `wireIndex`: the hot path's lookup, kept in step with #classes. */
  readonly #byWire: (ErrorResponseClass | undefined)[];

  static {
    // In parentheses: both are on the first decode's path (see `cleanInit`).
    // biome-ignore format: the parentheses make V8 compile it with the script.
    classOf = (function classOf(registry: Registry, errcode: string, wire: number) {
      // A registry of another copy of the package (another table): by its public lookup.
      if (!(#byWire in registry)) return (registry as Registry).get(errcode);
      return wire >= 0 ? registry.#byWire[wire] : registry.#classes.get(errcode);
    });
    // biome-ignore format: the parentheses make V8 compile it with the script.
    capturesStacks = (function capturesStacks(registry: Registry) {
      return #captureStack in registry ? registry.#captureStack : true;
    });
  }

  constructor(options?: RegistryOptions) {
    const builtins = options?.builtins !== false;
    this.#classes = new Map(builtins ? BUILTIN_ENTRIES : []);
    this.#byWire = WIRE_CODES.map((code) => this.#classes.get(code));
    this.#aliases = new Map(builtins ? BUILTIN_ALIASES : []);
    this.#aliasesOf = new Map();
    for (const [alias, canonical] of this.#aliases) this.#link(alias, canonical);
    this.#captureStack = options?.captureStack !== false;
  }

  /**
   * Registers a class for an errcode. Throws a `TypeError` for an errcode that is not 1–255
   * characters of `A-Z 0-9 _ .`, for a class that is not an `ErrorResponse` subclass, and for a
   * code already registered unless `override` is set.
   */
  register(errcode: string, ctor: ErrorResponseClass, options?: { override?: boolean | undefined }): this {
    checkErrcode(errcode, "an errcode");
    checkClass(ctor, errcode);
    if (this.#classes.has(errcode) && options?.override !== true) {
      throw new TypeError(`matrix-errors: ${errcode} is already registered; pass { override: true } to replace it`);
    }
    this.#unlink(errcode);
    this.#set(errcode, ctor);
    // Aliases follow their canonical code to its new class.
    for (const alias of this.#aliasesOf.get(errcode) ?? []) this.#set(alias, ctor);
    return this;
  }

  /** Makes `errcode` (an unstable name) decode as the registered code `canonical`. */
  alias(errcode: string, canonical: string, options?: { override?: boolean | undefined }): this {
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
    if ((this.#aliasesOf.get(errcode)?.size ?? 0) > 0) {
      throw new TypeError(`matrix-errors: ${errcode} has aliases of its own and cannot become an alias`);
    }
    this.#unlink(errcode);
    this.#link(errcode, target);
    this.#set(errcode, cls);
    return this;
  }

  #link(alias: string, canonical: string): void {
    this.#aliases.set(alias, canonical);
    const set = this.#aliasesOf.get(canonical) ?? new Set();
    this.#aliasesOf.set(canonical, set);
    set.add(alias);
  }

  #unlink(alias: string): void {
    const canonical = this.#aliases.get(alias);
    if (canonical === undefined) return;
    this.#aliases.delete(alias);
    this.#aliasesOf.get(canonical)?.delete(alias);
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

  /** The registered canonical codes (aliases left out). */
  codes(): string[] {
    return [...this.#classes.keys()].filter((code) => !this.#aliases.has(code));
  }

  /** Decodes a parsed object, a JSON string or UTF-8 bytes into an {@link ErrorResponse}. Never throws. */
  decode(input: unknown, init?: DecodeInit): ErrorResponse {
    // The lines of `decoderOf`'s entries: the stack is captured here, with this method as the entry.
    const clean = cleanInit(init);
    const capture = wantsStack(clean, this);
    const result = decodeWith(this, jsonParser, input, clean, capture);
    if (capture) {
      const begun = beginCapture();
      try {
        captureStackTrace(result, Registry.prototype.decode);
      } catch {
        // A frozen registered class keeps the stack it has.
      }
      endCapture(begun);
    }
    return result;
  }

  /** Reads a fetch `Response` (at most `maxBytes`) and decodes it. Never rejects. */
  decodeResponse(res: Response, options?: ResponseDecodeOptions): Promise<ErrorResponse> {
    const opts = cleanInit(options);
    const site = wantsStack(opts, this) ? {} : undefined;
    if (site !== undefined) {
      const begun = beginCapture();
      captureStackTrace(site, Registry.prototype.decodeResponse);
      endCapture(begun);
    }
    return decodeResponseWith(this, jsonParser, res, options, opts, site);
  }
}

/** The default registry: the built-in codes; the top-level `decode` uses it. */
export const registry: Registry = new Registry();
