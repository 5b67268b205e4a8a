// Compile-only type tests (tsc in npm test; never run): the 0.2 fields, as users read them after
// narrowing, and the rows of CODES.
import type { CODES as CODES_FROM_ENTRY } from "../../src/codes.js";
import {
  CODES,
  type CodeSpec,
  decode,
  type Errcode,
  type ErrorResponse,
  isErrcode,
  NonMatrixResponse,
  type Safety,
  SenderIgnored,
} from "../../src/index.js";
import { type Equal, expectType } from "./expect.js";

const err = decode("{}", { status: 400 });

// Every ErrorResponse: retryable and subErrcode.
expectType<Equal<typeof err.retryable, boolean>>(true);
expectType<Equal<typeof err.subErrcode, string | undefined>>(true);
expectType<Equal<typeof err.retryAfterMs, number | undefined>>(true);
// @ts-expect-error retryable is read-only (a getter; a class overrides it instead)
err.retryable = true;

// M_SAFETY and its unstable name narrow to Safety, whose harms is a read-only string array.
if (isErrcode(err, "M_SAFETY")) {
  expectType<Equal<typeof err, Safety>>(true);
  expectType<Equal<typeof err.harms, readonly string[] | undefined>>(true);
  expectType<Equal<typeof err.expiry, number | undefined>>(true);
  expectType<Equal<typeof err.errcode, "M_SAFETY">>(true);
  // @ts-expect-error harms is a frozen copy: no push
  err.harms?.push("m.spam");
}
if (isErrcode(err, "ORG.MATRIX.MSC4387_SAFETY")) expectType<Equal<typeof err, Safety>>(true);
if (isErrcode(err, "M_SENDER_IGNORED")) expectType<Equal<typeof err.sender, string | undefined>>(true);
if (err instanceof SenderIgnored) expectType<Equal<typeof err.errcode, "M_SENDER_IGNORED">>(true);

// NonMatrixResponse: proxy beside reason and raw.
if (err instanceof NonMatrixResponse) {
  expectType<Equal<typeof err.proxy, string | undefined>>(true);
  expectType<Equal<typeof err.errcode, "M_UNKNOWN">>(true);
  expectType<Equal<typeof err.raw, string>>(true);
}

// CODES rows: retryable always, since and msc optional.
expectType<Equal<CodeSpec["retryable"], boolean>>(true);
expectType<Equal<CodeSpec["since"], string | undefined>>(true);
expectType<Equal<CodeSpec["msc"], string | undefined>>(true);
const rows: readonly CodeSpec[] = CODES;
for (const row of rows) {
  const since: string | undefined = row.since;
  const msc: string | undefined = row.msc;
  void [since, msc];
}
// Straight off the const table, the literal types are kept: errcode is an Errcode.
for (const row of CODES) {
  const retryable: boolean = row.retryable;
  const code: Errcode = row.errcode;
  void [retryable, code];
}
expectType<Equal<typeof CODES, typeof CODES_FROM_ENTRY>>(true);
// A predicate on the errcode narrows to that row, whose retryable is its literal.
const limited = CODES.find((row) => row.errcode === "M_LIMIT_EXCEEDED");
expectType<Equal<NonNullable<typeof limited>["retryable"], true>>(true);

export function retryableCodes(): Errcode[] {
  return CODES.filter((row) => row.retryable).map((row) => row.errcode);
}
export function describe(e: ErrorResponse): string {
  return `${e.errcode}${e.subErrcode ? ` (${e.subErrcode})` : ""}${e.retryable ? ", retryable" : ""}`;
}
export { rows };
