// What V8 charges for a stack by the kind of frames in it: the same four callers captured while
// they are on the stack (a call made synchronously down a chain of async functions) and after an
// `await` (the callers then async frames, as after a client's `await fetch(…)`). Why the bench's
// `response` scenario awaits its Response before each decodeResponse (bench/README.md).
// Not part of `npm run bench`: `node bench/stack-frames.mjs [rounds]`.
import { median } from "./lib/stats.mjs";

const CALLS = 5_000;
const rounds = Number(process.argv[2] ?? 15);

async function none() {
  await null;
  return {};
}
async function atCall() {
  const site = {};
  Error.captureStackTrace(site, atCall);
  await null;
  return site;
}
async function afterAwait() {
  await null;
  const site = {};
  Error.captureStackTrace(site, afterAwait);
  return site;
}
async function c1(f) {
  return await f();
}
async function c2(f) {
  return await c1(f);
}
async function c3(f) {
  return await c2(f);
}

async function nsPerCall(f) {
  const sink = new Array(32);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) sink[i & 31] = await c3(f);
  return Number(process.hrtime.bigint() - t0) / CALLS;
}

const ns = { none: [], atCall: [], afterAwait: [] };
for (let r = 0; r < rounds; r++) for (const f of [none, atCall, afterAwait]) ns[f.name].push(await nsPerCall(f));
const base = median(ns.none);
const at = median(ns.atCall) - base;
const after = median(ns.afterAwait) - base;
const frames = (site) => site.stack.split("\n").length - 1;
console.log(`${process.version}, ${rounds} rounds of ${CALLS} calls, medians`);
console.log(`capture with the callers on the stack: ${Math.round(at)} ns (${frames(await c3(atCall))} frames)`);
console.log(`capture after an await:              ${Math.round(after)} ns (${frames(await c3(afterAwait))} frames)`);
console.log(`ratio: ${(at / after).toFixed(2)}`);
