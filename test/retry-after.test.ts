// Retry-After per RFC 9110: delay-seconds and the three HTTP-date forms.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseRetryAfter } from "../src/index.js";

const NOW = Date.UTC(1994, 10, 6, 8, 49, 0); // Sun, 06 Nov 1994 08:49:00 GMT

test("delay-seconds: digits after trimming spaces and tabs", () => {
  assert.is(parseRetryAfter("120", NOW), 120_000);
  assert.is(parseRetryAfter("  0\t", NOW), 0);
  assert.is(parseRetryAfter("007", NOW), 7000);
  for (const bad of ["-1", "1.5", "+5", "120abc", "", " ", "1 2", "0x10", "1e3", "５"]) {
    assert.is(parseRetryAfter(bad, NOW), undefined, JSON.stringify(bad));
  }
  assert.is(parseRetryAfter("9".repeat(400), NOW), undefined, "an infinite wait is garbage");
});

test("HTTP-date: IMF-fixdate, RFC 850 and asctime give the same instant", () => {
  assert.is(parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", NOW), 37_000);
  assert.is(parseRetryAfter("Sunday, 06-Nov-94 08:49:37 GMT", NOW), 37_000);
  assert.is(parseRetryAfter("Sun Nov  6 08:49:37 1994", NOW), 37_000);
  assert.is(parseRetryAfter("Sun Nov 16 08:49:37 1994", NOW), 10 * 86_400_000 + 37_000);
});

test("HTTP-date: a date in the past gives 0", () => {
  assert.is(parseRetryAfter("Sat, 05 Nov 1994 08:49:37 GMT", NOW), 0);
});

test("RFC 850: two-digit years by the 50-year rule against the clock", () => {
  const now2026 = Date.UTC(2026, 0, 1);
  // 76 is 2076 (50 years ahead): allowed; 77 would be 2077, more than 50 years ahead: 1977.
  assert.is(parseRetryAfter("Friday, 01-Jan-76 00:00:00 GMT", now2026), Date.UTC(2076, 0, 1) - now2026);
  assert.is(parseRetryAfter("Saturday, 01-Jan-77 00:00:00 GMT", now2026), 0);
  assert.is(parseRetryAfter("Thursday, 01-Jan-26 00:00:10 GMT", now2026), 10_000);
});

test("HTTP-date: malformed and impossible dates are garbage", () => {
  for (const bad of [
    "Sun, 6 Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 08:49:37 UTC",
    "sun, 06 Nov 1994 08:49:37 GMT",
    "Sun, 06 nov 1994 08:49:37 GMT",
    "Sun, 31 Feb 1994 08:49:37 GMT",
    "Sun, 00 Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 08:60:00 GMT",
    "Sun, 06 Nov 1994 08:49:37 GMT trailing",
    "Sunday, 06-Nov-1994 08:49:37 GMT",
    "Sun Nov 6 08:49:37 1994",
    "Sun, 06 Nov 1994 08:49 GMT",
    "tomorrow",
  ]) {
    assert.is(parseRetryAfter(bad, NOW), undefined, bad);
  }
});

test("HTTP-date: surrounding whitespace is allowed, as for delay-seconds", () => {
  assert.is(parseRetryAfter("  Sun, 06 Nov 1994 08:49:37 GMT ", NOW), 37_000);
});

test.run();
