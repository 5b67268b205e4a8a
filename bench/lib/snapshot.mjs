// The package a run measures, frozen: package.json, dist/ and src/ are copied into .snapshot/ and
// bench/node_modules/matrix-errors (npm's link to the root) points there until the run ends, so a
// build by someone else during the run cannot change or remove what is timed. A second copy of its
// dist/ (`.snapshot-same/`) is a second module instance of the same code: the A/A control of the
// before/after comparison (what two copies of one build measure apart is the method's resolution).
import { cpSync, existsSync, mkdirSync, readlinkSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = fileURLToPath(new URL("../.snapshot/", import.meta.url));
const same = fileURLToPath(new URL("../.snapshot-same/", import.meta.url));
const link = fileURLToPath(new URL("../node_modules/matrix-errors", import.meta.url));
const ROOT_LINK = "../..";

function point(target) {
  if (readlinkSync(link) === target) return;
  unlinkSync(link);
  symlinkSync(target, link);
}

/** Takes the snapshot and links it; returns its directory, the second copy's and the function that restores the link. */
export function takeSnapshot() {
  point(ROOT_LINK); // a run that died left the link on an old snapshot
  if (!existsSync(`${root}dist/index.js`) || !existsSync(`${root}dist/decoder.wasm`))
    throw new Error("dist/ is not built (npm run build)");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const part of ["package.json", "dist", "src"]) cpSync(`${root}${part}`, `${dir}${part}`, { recursive: true });
  rmSync(same, { recursive: true, force: true });
  mkdirSync(same, { recursive: true });
  for (const part of ["package.json", "dist"]) cpSync(`${root}${part}`, `${same}${part}`, { recursive: true });
  point(dir);
  const restore = () => {
    point(ROOT_LINK);
    rmSync(dir, { recursive: true, force: true });
    rmSync(same, { recursive: true, force: true });
  };
  return { dir, same, restore };
}
