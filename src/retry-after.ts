/**
 * `Retry-After` (RFC 9110 §10.2.3) and `retry_after_ms`: how long to wait before retrying.
 *
 * @module
 */
import { own } from "./body.js";
import type { DecodeInit, HeadersInput } from "./types.js";

const DELAY = /^[ \t]*(\d+)[ \t]*$/;
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const LONG_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const MONTH = "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";
// The three HTTP-date forms, each with the capture order day, month, year, h, m, s.
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d\\d) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC850 = new RegExp(`^${LONG_DAY}, (\\d\\d)-${MONTH}-(\\d\\d) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ( \\d|\\d\\d) ${TIME} (\\d{4})$`);

/**
 * Parses a `Retry-After` value into milliseconds from `now`: delay-seconds, or an HTTP-date in
 * any of its three forms, against `now` (default the clock). A date in the past gives 0; anything
 * else gives `undefined`. Never throws.
 *
 * @example
 * parseRetryAfter("120", Date.now()) // 120000
 */
export function parseRetryAfter(value: string, now: number = Date.now()): number | undefined {
  if (typeof value !== "string") return undefined;
  if (typeof now !== "number" || !Number.isFinite(now)) now = Date.now();
  const delay = DELAY.exec(value);
  if (delay !== null) {
    const ms = Number(delay[1]) * 1000;
    return Number.isFinite(ms) ? ms : undefined;
  }
  const date = parseHttpDate(value.trim(), now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

/** An HTTP-date (IMF-fixdate, RFC 850 or asctime) as ms since the epoch, or `undefined`. */
function parseHttpDate(value: string, now: number): number | undefined {
  let m = IMF_FIXDATE.exec(value);
  if (m !== null) return utc(Number(m[3]), m[2] as string, Number(m[1]), m[4], m[5], m[6]);
  m = RFC850.exec(value);
  if (m !== null) return utc(fullYear(Number(m[3]), now), m[2] as string, Number(m[1]), m[4], m[5], m[6]);
  m = ASCTIME.exec(value);
  if (m !== null) return utc(Number(m[6]), m[1] as string, Number(m[2]), m[3], m[4], m[5]);
  return undefined;
}

/** RFC 9110: a two-digit year more than 50 years ahead of the clock is in the past century. */
function fullYear(twoDigits: number, now: number): number {
  const current = new Date(now).getUTCFullYear();
  let year = current - (current % 100) + twoDigits;
  if (year > current + 50) year -= 100;
  return year;
}

function utc(year: number, month: string, day: number, h?: string, m?: string, s?: string): number | undefined {
  const hours = Number(h);
  const minutes = Number(m);
  const seconds = Number(s);
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const monthIndex = MONTHS.indexOf(month) / 3;
  const time = Date.UTC(year, monthIndex, day, hours, minutes, seconds);
  // Reject dates that do not exist (31 Feb), which Date.UTC would roll over.
  const check = new Date(Date.UTC(year, monthIndex, day));
  if (day < 1 || check.getUTCDate() !== day || check.getUTCMonth() !== monthIndex) return undefined;
  return Number.isFinite(time) ? time : undefined;
}

/**
 * The value of a header, matched case-insensitively, from any of the header forms (a `string[]`
 * value of Node's `IncomingHttpHeaders` gives its first element). Throws what the headers throw.
 */
export function headerValue(headers: HeadersInput, lowerName: string): string | undefined {
  if (typeof (headers as Headers).get === "function") {
    const value = (headers as Headers).get(lowerName);
    return typeof value === "string" ? value : undefined;
  }
  if (Array.isArray(headers)) {
    for (const pair of headers) {
      if (Array.isArray(pair) && typeof pair[0] === "string" && pair[0].toLowerCase() === lowerName) {
        return typeof pair[1] === "string" ? pair[1] : undefined;
      }
    }
    return undefined;
  }
  if (typeof headers === "object" && headers !== null) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === lowerName) {
        const value = (headers as Record<string, unknown>)[key];
        const first = Array.isArray(value) ? value[0] : value;
        return typeof first === "string" ? first : undefined;
      }
    }
  }
  return undefined;
}

/**
 * The wait before retrying: a valid `Retry-After` header first, then a `retry_after_ms` that is a
 * finite number ≥ 0. Never negative, never NaN; `undefined` when neither says.
 */
export function retryAfterFrom(
  fields: Readonly<Record<string, unknown>>,
  init: DecodeInit | undefined,
): number | undefined {
  let value: string | undefined;
  let now: unknown;
  try {
    const headers = init === undefined ? undefined : init.headers;
    if (headers !== undefined && headers !== null) value = headerValue(headers, "retry-after");
    if (value !== undefined) now = init?.now;
  } catch {
    // Headers (or an init) that throw on read are bad init values: ignored, never thrown.
  }
  if (value !== undefined) {
    const ms = parseRetryAfter(value, typeof now === "number" && Number.isFinite(now) ? now : Date.now());
    if (ms !== undefined) return ms;
  }
  const ms = own(fields, "retry_after_ms");
  // `+ 0` turns -0 into 0, so the value is a plain non-negative wait.
  return typeof ms === "number" && ms >= 0 && ms !== Number.POSITIVE_INFINITY ? ms + 0 : undefined;
}
