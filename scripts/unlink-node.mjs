#!/usr/bin/env node
// postinstall: the Node 22/24/26 binaries are dev dependencies (the suites run under each), and
// each package declares a `node` bin, so npm links one into node_modules/.bin, where every npm
// script would then find it before the Node that runs npm. Remove that link: scripts run on the
// machine's Node, and tests call node_modules/nodeNN/bin/node by path.
import { lstatSync, readlinkSync, rmSync } from "node:fs";

const link = new URL("../node_modules/.bin/node", import.meta.url);
try {
  if (lstatSync(link).isSymbolicLink() && /node(22|24|26)/.test(readlinkSync(link))) {
    rmSync(link);
    console.log("removed node_modules/.bin/node (a dev-dependency Node): npm scripts use the machine's Node");
  }
} catch {
  // No link: nothing to do.
}
