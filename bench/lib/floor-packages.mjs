// Two packages made in bench/node_modules at run time, laid out as matrix-errors is (`dist/index.js`
// behind a conditional export) and imported by name as it is, so Node's resolution of a bare name
// (node_modules, package.json, the exports map, a resolver that starts cold) counts on both sides:
// - an empty package: the floor of `import("matrix-errors")`;
// - a package with the contract's one class per errcode and nothing else (the classes made in a loop
//   from a table, a `Map` from errcode to class, a `decode` that is JSON.parse + new): the least a
//   library of this contract can cost to import, the bound of the import target (issue 13 measured
//   such a throwaway, by path: ~4.5 ms).
import { mkdirSync, writeFileSync } from "node:fs";

export const EMPTY_PACKAGE = "bench-empty-package";
export const CLASSES_PACKAGE = "bench-classes-package";

function write(name, code) {
  const dir = new URL(`../node_modules/${name}/`, import.meta.url);
  mkdirSync(new URL("dist/", dir), { recursive: true });
  const manifest = {
    name,
    version: "0.0.0",
    type: "module",
    sideEffects: false,
    exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" },
  };
  writeFileSync(new URL("package.json", dir), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(new URL("dist/index.js", dir), code);
}

/** Writes both packages (idempotent); `codes` is `[errcode, class name][]`, the table's rows. */
export function makeFloorPackages(codes) {
  write(EMPTY_PACKAGE, "export const decode = () => undefined;\n");
  write(
    CLASSES_PACKAGE,
    `const TABLE = ${JSON.stringify(codes)};
export class ErrorResponse extends Error {
  constructor(body, init) {
    super(typeof body.error === "string" ? body.error : String(body.errcode));
    this.errcode = body.errcode;
    this.status = init?.status;
    this.body = body;
  }
}
const classes = new Map();
for (const [errcode, name] of TABLE) {
  const cls = { [name]: class extends ErrorResponse {} }[name];
  cls.errcode = errcode;
  classes.set(errcode, cls);
  Object.defineProperty(cls.prototype, "name", { value: name });
}
export function decode(text, init) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { errcode: "M_UNKNOWN" };
  }
  const cls = (body !== null && typeof body === "object" && classes.get(body.errcode)) || ErrorResponse;
  return new cls(body, init);
}
`,
  );
}
