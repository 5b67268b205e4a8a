// Errcode → class dispatch strategies, generated at bench time from the errcode table in
// dist/codes.js (matrix-errors/codes). None of this is shipped; it measures what `Map.get` costs
// against the alternatives, on fresh (non-internalised) strings as `JSON.parse` makes them.
import { CODES, me, shipped } from "./libs.mjs";

/** [errcode or alias, class] for every built-in code and alias, as the registry holds them. */
export function dispatchEntries() {
  const entries = [];
  for (const row of CODES) {
    const cls = me[row.name];
    if (typeof cls !== "function") throw new Error(`no exported class ${row.name}`);
    entries.push([row.errcode, cls]);
    for (const alias of row.aliases ?? []) entries.push([alias, cls]);
  }
  return entries;
}

const quote = (s) => JSON.stringify(s);

function switchSource(entries) {
  const cases = entries.map(([code], i) => `    case ${quote(code)}: return C[${i}];`).join("\n");
  return `return function dispatchSwitch(s) {\n  switch (s) {\n${cases}\n  }\n  return undefined;\n};`;
}

function objectSource(entries) {
  const props = entries.map(([code], i) => `  ${quote(code)}: C[${i}],`).join("\n");
  return `const table = {\n  __proto__: null,\n${props}\n};\nreturn function dispatchObject(s) { return table[s]; };`;
}

function compile(source, classes) {
  // Generated code is the point of this strategy; it is built from the errcode table only.
  return new Function("C", source)(classes);
}

/** The strategies, each `(errcode: string) => class | undefined`. */
export function dispatchStrategies() {
  const entries = dispatchEntries();
  const classes = entries.map(([, cls]) => cls);
  const map = new Map(entries);
  const registry = new me.Registry();
  // The shipped dispatch: the generated `wireIndex` of the installed package (src/dispatch.gen.ts),
  // over a table in its index order, as `Registry.construct` uses it.
  const byWire = shipped.WIRE_CODES.map((code) => map.get(code));
  const wireIndex = shipped.wireIndex;
  return {
    entries,
    strategies: [
      {
        id: "dispatch-shipped",
        label: "shipped: generated length + char switch (wireIndex)",
        fn: (s) => {
          const i = wireIndex(s);
          return i >= 0 ? byWire[i] : undefined;
        },
      },
      { id: "dispatch-map", label: "Map.get", fn: (s) => map.get(s) },
      { id: "dispatch-registry", label: "registry.get (public API)", fn: (s) => registry.get(s) },
      { id: "dispatch-switch", label: "switch on the string", fn: compile(switchSource(entries), classes) },
      { id: "dispatch-object", label: "null-prototype object lookup", fn: compile(objectSource(entries), classes) },
      {
        id: "dispatch-baseline",
        label: "baseline: s.length (loop + fresh string)",
        fn: (s) => s.length,
        context: true,
      },
    ],
  };
}

/** Strings every strategy must map exactly as `Map.get` does. */
export function dispatchProbes(entries, corpusCodes) {
  const probes = new Set([...entries.map(([code]) => code), ...corpusCodes]);
  for (const extra of [
    "",
    "M_",
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "m_forbidden",
    "M_FORBIDDEM",
    "M_FORBIDDEN_",
    "M_FORBID",
    "M_NOT_FOUNDX",
    "M_UNKNOWN_TOKEN ",
    "ORG.MATRIX.MSC4155.M_INVITE_BLOCKEd",
  ]) {
    probes.add(extra);
  }
  return [...probes];
}
