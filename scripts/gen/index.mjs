// The list of generated files; each generator renders one file from the table.
import { renderAssembly } from "./assembly.mjs";
import { renderDispatch } from "./dispatch.mjs";
import { renderClasses, renderErrors } from "./errors.mjs";
import { renderAssemblyInterface, renderGlueInterface } from "./interface.mjs";
import { renderReadme } from "./readme.mjs";

export const generators = [
  { path: "src/errors.gen.ts", render: renderErrors },
  { path: "src/classes.gen.ts", render: renderClasses },
  { path: "src/dispatch.gen.ts", render: renderDispatch },
  { path: "README.md", render: renderReadme },
  { path: "assembly/codes.gen.ts", render: renderAssembly },
  { path: "assembly/interface.gen.ts", render: renderAssemblyInterface },
  { path: "src/wasm/interface.gen.ts", render: renderGlueInterface },
];
