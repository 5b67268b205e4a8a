// Compile-only type tests (tsc in npm test; never run): the typed `static create` of the built-in
// classes takes each class's own fields by camelCase name, plus status, headers and extra, and
// refuses unknown names and wrong types.
import type { IncomingHttpHeaders } from "node:http";
import { Forbidden, LimitExceeded, ResourceLimitExceeded, Safety, UnknownToken, UserLocked } from "../../src/index.js";
import { type Equal, expectType } from "./expect.js";

const slow = LimitExceeded.create("Slow down", { retryAfterMs: 2500 });
expectType<Equal<typeof slow, LimitExceeded>>(true);
expectType<Equal<typeof slow.errcode, "M_LIMIT_EXCEEDED">>(true);

const expired = UnknownToken.create("x", { softLogout: true });
expectType<Equal<typeof expired, UnknownToken>>(true);
expectType<Equal<typeof expired.softLogout, boolean>>(true);

const harmful = Safety.create("x", { harms: ["m.spam"], expiry: 1 });
expectType<Equal<typeof harmful, Safety>>(true);
// A readonly array is accepted too (a constant list of harms a server keeps).
const HARMS = ["m.spam", "m.harassment"] as const;
Safety.create("x", { harms: HARMS });

// Message and fields are both optional.
const bare = Forbidden.create();
expectType<Equal<typeof bare, Forbidden>>(true);
Forbidden.create("No");

// status, headers (every HeadersInput form) and extra are accepted by every class.
declare const nodeHeaders: IncomingHttpHeaders;
LimitExceeded.create("x", { status: 429, headers: new Headers({ "Retry-After": "3" }), extra: { foo: 1 } });
LimitExceeded.create("x", { headers: { "retry-after": "3" } });
LimitExceeded.create("x", { headers: [["Retry-After", "3"]] });
LimitExceeded.create("x", { headers: nodeHeaders });
Forbidden.create("x", { status: 403, extra: { "org.example.reason": "banned" } });
ResourceLimitExceeded.create("x", { adminContact: "mailto:admin@example.org", limitType: "monthly_active_user" });
UserLocked.create("x", { softLogout: false, cause: new Error("locked by admin") });

// Under exactOptionalPropertyTypes every field still takes an explicit `undefined` (values
// forwarded from optional inputs).
declare const maybeMs: number | undefined;
declare const maybeSoft: boolean | undefined;
declare const maybeStatus: number | undefined;
LimitExceeded.create("x", { retryAfterMs: maybeMs, status: maybeStatus, headers: undefined, extra: undefined });
UnknownToken.create(undefined, { softLogout: maybeSoft });

// @ts-expect-error an unknown field name (the wire name would be retry_after_ms; the field is retryAfterMs)
LimitExceeded.create("x", { retryAfter: 1 });
// @ts-expect-error the wire name is not a field name
UnknownToken.create("x", { soft_logout: true });
// @ts-expect-error a wrong type: softLogout is a boolean
UnknownToken.create("x", { softLogout: "yes" });
// @ts-expect-error a wrong type: harms is an array of strings
Safety.create("x", { harms: "m.spam" });
// @ts-expect-error a wrong type: expiry is a number
Safety.create("x", { expiry: "soon" });
// @ts-expect-error another class's field: Forbidden has no softLogout
Forbidden.create("x", { softLogout: true });
// @ts-expect-error the errcode is the class's, not a field
Forbidden.create("x", { errcode: "M_LIMIT_EXCEEDED" });
// @ts-expect-error the message is a string
Forbidden.create(403);
// @ts-expect-error status is a number
Forbidden.create("x", { status: "403" });
