// Compile-only type tests (checked by tsc in npm test; never run).
import {
  decode,
  type Errcode,
  ErrorResponse,
  isErrcode,
  LimitExceeded,
  Registry,
  UnknownToken,
  UserLocked,
} from "../../src/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_ok: T): void {}

const err = decode("{}");

if (err instanceof LimitExceeded) {
  expectType<Equal<typeof err.retryAfterMs, number | undefined>>(true);
  expectType<Equal<typeof err.errcode, "M_LIMIT_EXCEEDED">>(true);
}
if (err instanceof UnknownToken) expectType<Equal<typeof err.softLogout, boolean>>(true);
if (err instanceof UserLocked) expectType<Equal<typeof err.errcode, "M_USER_LOCKED">>(true);

// isErrcode narrows by code, and by alias to the stable class.
if (isErrcode(err, "M_LIMIT_EXCEEDED")) expectType<Equal<typeof err, LimitExceeded>>(true);
if (isErrcode(err, "ORG_MATRIX_MSC3939_USER_LOCKED")) expectType<Equal<typeof err, UserLocked>>(true);
if (isErrcode(err, "COM.EXAMPLE.ANY")) expectType<Equal<typeof err, ErrorResponse>>(true);

// The static errcode of a class is its literal.
expectType<Equal<typeof LimitExceeded.errcode, "M_LIMIT_EXCEEDED">>(true);
const code: Errcode = "M_FORBIDDEN";
// @ts-expect-error not a known errcode
const wrong: Errcode = "M_FORBIDEN";

// A registered subclass keeps its getter's type.
class QuotaExceeded extends ErrorResponse {
  static override readonly errcode = "COM.EXAMPLE.QUOTA_EXCEEDED";
  declare readonly errcode: "COM.EXAMPLE.QUOTA_EXCEEDED";
  get quota(): number | undefined {
    return typeof this.body.quota === "number" ? this.body.quota : undefined;
  }
}
const registry = new Registry().register("COM.EXAMPLE.QUOTA_EXCEEDED", QuotaExceeded);
const mine = registry.decode("{}");
if (mine instanceof QuotaExceeded) {
  expectType<Equal<typeof mine.quota, number | undefined>>(true);
  expectType<Equal<typeof mine.errcode, "COM.EXAMPLE.QUOTA_EXCEEDED">>(true);
}
// @ts-expect-error a class that is not an ErrorResponse cannot be registered
registry.register("COM.X", Error);
// @ts-expect-error the body is read-only
err.body.errcode = "x";

export { code, wrong };
