// The Worker the bench runs inside workerd (bundled by lib/workerd.mjs with the Workers
// conditions). `cold_ts` / `cold_wasm` time the first decode of an isolate (each in a fresh
// workerd process) of a body fetched from the stub homeserver; `warm` times both decoders per
// decode over the corpus, paired against the floor, in rounds.
import { decode } from "matrix-errors";
import { createWasmDecoder } from "matrix-errors/wasm";
import corpus from "./corpus.json";

const report = (what, value) => console.log(`BENCH ${what} ${JSON.stringify(value)}`);

// workerd's clock is coarse (it moves in whole ms here), so a single cold call is timed by
// spinning: start on a tick, run, then count spins to the next tick; the spins left, at the rate
// measured over whole ticks just before, are the part of the last tick not used.
function spin() {
  const t = performance.now();
  let k = 0;
  while (performance.now() === t) k++;
  return [performance.now(), k];
}
function calibrate() {
  spin();
  let rate = 0;
  for (let i = 0; i < 6; i++) {
    const [t0] = [performance.now()];
    const [t1, k] = spin();
    rate = Math.max(rate, k / (t1 - t0));
  }
  return rate; // spins per ms
}
async function once(fn) {
  const rate = calibrate();
  const [t0] = spin();
  const value = await fn();
  const [t1, k] = spin();
  return { ms: t1 - t0 - k / rate, value };
}

async function firstBody(env) {
  const res = await env.HOMESERVER.fetch("https://homeserver.test/_matrix/client/v3/limit");
  return { text: await res.text(), init: { status: res.status, headers: res.headers } };
}

export const cold_ts = {
  async test(_ctrl, env) {
    const { text, init } = await firstBody(env);
    const first = await once(() => decode(text, init));
    report("cold_ts", { firstUs: first.ms * 1000, errcode: first.value.errcode });
  },
};

export const cold_wasm = {
  async test(_ctrl, env) {
    const { text, init } = await firstBody(env);
    const setup = await once(() => createWasmDecoder());
    const first = await once(() => setup.value.decode(text, init));
    report("cold_wasm", { setupMs: setup.ms, firstUs: first.ms * 1000, errcode: first.value.errcode });
  },
};

export const warm = {
  async test() {
    const wasm = await createWasmDecoder();
    const utf8 = new TextDecoder();
    const enc = new TextEncoder();
    const inputs = corpus.map((e) => enc.encode(e.body));
    const inits = corpus.map((e) => ({ status: e.status, headers: e.headers }));
    const hots = inits.map((i) => ({ ...i, captureStack: false }));
    const parse = (b) => {
      try {
        return JSON.parse(utf8.decode(b));
      } catch (error) {
        return error;
      }
    };
    const list = {
      floor: (b) => parse(b),
      "ts-hot": (b, i) => decode(b, hots[i]),
      "ts-default": (b, i) => decode(b, inits[i]),
      "wasm-hot": (b, i) => wasm.decode(b, hots[i]),
      "wasm-default": (b, i) => wasm.decode(b, inits[i]),
    };
    const sink = new Array(32);
    const pass = (fn) => {
      for (let i = 0; i < inputs.length; i++) sink[i & 31] = fn(inputs[i], i);
    };
    const chunk = (fn) => {
      let passes = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < 10) {
        pass(fn);
        passes += 1;
        t = performance.now();
      }
      return ((t - t0) * 1e6) / (passes * inputs.length);
    };
    for (const fn of Object.values(list)) for (let i = 0; i < 20; i++) pass(fn);
    const out = Object.fromEntries(Object.keys(list).map((k) => [k, { ns: [], ratio: [] }]));
    for (let r = 0; r < Number(globalThis.ROUNDS ?? 8); r++) {
      for (const [id, fn] of Object.entries(list)) {
        const f1 = chunk(list.floor);
        const a = chunk(fn);
        const f2 = chunk(list.floor);
        out[id].ns.push(a);
        out[id].ratio.push((2 * a) / (f1 + f2));
      }
    }
    report("warm", out);
  },
};
