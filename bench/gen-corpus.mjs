#!/usr/bin/env node
// Writes bench/corpus/corpus.json: the error responses a Matrix client sees, in a realistic mix,
// from a fixed seed. `node bench/gen-corpus.mjs --check` fails when the committed file is stale.
//
// Mix (of 1,200 responses): M_LIMIT_EXCEEDED with headers ~30 %, M_FORBIDDEN ~18 %, M_NOT_FOUND ~14 %,
// M_UNKNOWN_TOKEN (with and without soft_logout) ~12 %, the long tail of spec and Synapse codes ~14 %,
// custom codes ~4 %, unstable aliases ~3 %, large UIA / terms bodies ~1.5 %, HTML proxy pages ~2 %,
// broken bodies ~1.5 %. Messages follow Synapse's wording where it is known; bodies are shaped the way
// the servers serialise them (Synapse/Conduit compact, Dendrite's Go escaping of <>&, Python's
// `json.dumps` defaults with spaces and \uXXXX escapes).
import { readFileSync, writeFileSync } from "node:fs";

const SEED = 0x5eed_2026;
const COUNT = 1200;
const OUT = new URL("./corpus/corpus.json", import.meta.url);

// mulberry32: a small deterministic PRNG, enough for picking.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(SEED);
const pick = (list) => list[Math.floor(rand() * list.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const chance = (p) => rand() < p;
const hex = (n) => Array.from({ length: n }, () => "0123456789abcdef"[int(0, 15)]).join("");
const alnum = (n) =>
  Array.from({ length: n }, () => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"[int(0, 61)]).join(
    "",
  );

const USERS = [
  "alice",
  "bob",
  "carol",
  "dave",
  "eve",
  "mallory",
  "trent",
  "peggy",
  "victor",
  "zoë",
  "josé",
  "ユーザー",
  "mañana",
  "Ωmega",
];
const SERVERS = ["matrix.org", "example.org", "chat.mozilla.org", "kde.org", "tchncs.de", "envs.net", "fosdem.org"];
const user = () => `@${pick(USERS)}${chance(0.3) ? int(1, 999) : ""}:${pick(SERVERS)}`;
const room = () => `!${alnum(18)}:${pick(SERVERS)}`;
const alias = () =>
  `#${pick(["general", "offtopic", "dev", "café", "support", "announcements", "ルーム"])}:${pick(SERVERS)}`;
const event = () => `$${alnum(43)}`;

// Synapse's wording where it is known; a few other servers' phrasings for variety.
const FORBIDDEN = [
  () => `User ${user()} not in room ${room()}`,
  () => `User ${user()} not in room ${room()} (None)`,
  () => `You don't have permission to post that to the room. user_level (0) < send_level (50)`,
  () => `You don't have permission to change the room state. user_level (${int(0, 49)}) < send_level (50)`,
  () => "You are not invited to this room.",
  () => "You are not allowed to peek into this room",
  () => "Guest access not allowed",
  () => "Invalid password",
  () => "Registration has been disabled",
  () => "You cannot invite yourself",
  () => `${user()} is banned from the room`,
  () => "Host not in room.",
  () => "Cannot redact event: this event cannot be redacted",
  () => "This room has been blocked on this server",
  () => "You are not allowed to view this room.",
  () => `You are not allowed to join this room (${room()})`,
  () => "Sender is not an admin",
  () => "Forbidden",
  () =>
    `You don't have permission to send events of type "m.room.${pick(["name", "topic", "power_levels", "avatar"])}"`,
  () => `Cannot set "m.federate" to false after creation`,
  () => `Zugriff verweigert: ${user()} ist nicht im Raum`,
  () => `Accès refusé — vous n'êtes pas membre de ${alias()}`,
];
const NOT_FOUND = [
  () => "Event not found.",
  () => `Could not find event ${event()}`,
  () => "Room not found",
  () => `Room alias ${alias()} not found`,
  () => "Unknown room",
  () => "No row found",
  () => "Profile was not found",
  () => "Unknown user",
  () => "No current backup version",
  () => `Unknown backup version: ${int(1, 40)}`,
  () => "Unknown device",
  () => "Not found",
  () => `Can't find event for token s${int(1000, 99999)}_${int(1, 9999)}_0_1_1_1_1_${int(1, 999)}_0_1`,
  () => "Media not found",
  () => `No filter with ID "${int(0, 99)}" for ${user()}`,
  () => `Aucun événement trouvé pour « ${event()} »`,
  () => `Room ${room()} has no state event of type m.room.topic`,
];
const LIMIT = [
  "Too Many Requests",
  "Too Many Requests",
  "Too Many Requests",
  "Too many requests",
  "Rate limited",
  "Zu viele Anfragen – bitte später erneut versuchen",
];
const TOKEN = [
  [() => "Invalid access token passed.", false],
  [() => "Unrecognised access token", false],
  [() => "Access token has expired", true],
  [() => "Invalid macaroon passed.", false],
  [() => "Token expired, please refresh", true],
];

// The long tail: [errcode, status, message, extra fields].
const TAIL = [
  ["M_MISSING_TOKEN", 401, () => "Missing access token."],
  ["M_UNRECOGNIZED", 404, () => "Unrecognized request"],
  ["M_UNRECOGNIZED", 405, () => "Unrecognized request"],
  ["M_UNKNOWN", 500, () => "Internal server error"],
  ["M_UNKNOWN", 400, () => `Unknown error processing request: ${hex(8)}`],
  ["M_NOT_JSON", 400, () => "Content not JSON."],
  ["M_BAD_JSON", 400, () => `Missing parameter: ${pick(["user", "type", "body", "msgtype", "room_id"])}`],
  ["M_BAD_JSON", 400, () => "Invalid JSON in request body: expected value at line 1 column 1"],
  ["M_BAD_JSON", 400, () => `Property "content" must be an object, got "string"`],
  ["M_MISSING_PARAM", 400, () => `Missing param: ${pick(["limit", "dir", "from", "medium", "address"])}`],
  ["M_INVALID_PARAM", 400, () => `Query parameter "limit" must be a non-negative integer`],
  ["M_INVALID_PARAM", 400, () => "Invalid value for 'dir': expected one of b, f"],
  ["M_USER_IN_USE", 400, () => "User ID already taken."],
  ["M_INVALID_USERNAME", 400, () => "User ID can only contain characters a-z, 0-9, or '=_-./+'"],
  ["M_EXCLUSIVE", 400, () => "This user ID is reserved by an application service."],
  ["M_ROOM_IN_USE", 400, () => "Room alias already taken"],
  ["M_TOO_LARGE", 413, () => `Upload request body is too large (${int(50, 500)} MiB)`],
  ["M_TOO_LARGE", 413, () => "event too large"],
  ["M_GUEST_ACCESS_FORBIDDEN", 403, () => "Guest access not allowed"],
  ["M_UNSUPPORTED_ROOM_VERSION", 400, () => "Your homeserver does not support this room version"],
  [
    "M_INCOMPATIBLE_ROOM_VERSION",
    400,
    () => "Your homeserver does not support the features required to join this room",
    () => ({ room_version: pick(["9", "10", "11", "12", "org.matrix.msc2176"]) }),
  ],
  [
    "M_RESOURCE_LIMIT_EXCEEDED",
    403,
    () => "Monthly Active User Limit Exceeded",
    () => ({ admin_contact: `mailto:admin@${pick(SERVERS)}`, limit_type: "monthly_active_user" }),
  ],
  [
    "M_CONSENT_NOT_GIVEN",
    403,
    () =>
      "To continue using this homeserver you must review and agree to the terms and conditions at https://matrix.org/_matrix/consent?u=alice&h=" +
      hex(64),
    () => ({ consent_uri: `https://${pick(SERVERS)}/_matrix/consent?v=1.0` }),
  ],
  ["M_THREEPID_IN_USE", 400, () => "Email is already in use", () => ({ mxid: user() })],
  ["M_THREEPID_NOT_FOUND", 400, () => "Email not found"],
  ["M_THREEPID_AUTH_FAILED", 403, () => "No validated 3pid session found"],
  ["M_THREEPID_DENIED", 403, () => "Your email domain is not authorized to register on this server"],
  ["M_WEAK_PASSWORD", 400, () => "Password is too weak"],
  ["M_PASSWORD_TOO_SHORT", 400, () => "The password must be at least 12 characters long"],
  ["M_PASSWORD_NO_DIGIT", 400, () => "The password must include at least one digit"],
  ["M_PASSWORD_NO_SYMBOL", 400, () => "The password must include at least one symbol"],
  ["M_USER_DEACTIVATED", 403, () => "This account has been deactivated"],
  ["M_USER_LOCKED", 401, () => "User account has been locked", () => ({ soft_logout: true })],
  ["M_USER_SUSPENDED", 403, () => "Account is suspended; you may read but not send"],
  ["M_CAPTCHA_NEEDED", 401, () => "Captcha is required"],
  ["M_CAPTCHA_INVALID", 400, () => "Invalid captcha response"],
  ["M_SERVER_NOT_TRUSTED", 400, () => "Untrusted server"],
  ["M_UNKNOWN_POS", 400, () => "Unknown position"],
  ["M_WRONG_ROOM_KEYS_VERSION", 403, () => "Wrong backup version.", () => ({ current_version: String(int(1, 60)) })],
  ["M_NOT_YET_UPLOADED", 504, () => "Media has not been uploaded yet"],
  ["M_CANNOT_OVERWRITE_MEDIA", 409, () => "Media ID already has content"],
  ["M_INVITE_BLOCKED", 403, () => "Invites have been blocked by the recipient"],
  ["M_SESSION_EXPIRED", 400, () => "This validation session has expired"],
  ["M_KEY_TOO_LARGE", 400, () => "Key is too large"],
  [
    "M_USER_LIMIT_EXCEEDED",
    403,
    () => "You have reached your storage quota",
    () => ({ info_uri: "https://example.org/upgrade", can_upgrade: true }),
  ],
  ["M_BAD_STATE", 400, () => `Cannot unban user ${user()} who is not banned`],
  ["M_UNAUTHORIZED", 401, () => "Unauthorized"],
];
const CUSTOM = [
  ["COM.EXAMPLE.QUOTA_EXCEEDED", 403, () => "Quota exceeded for this month", () => ({ quota: int(100, 5000) })],
  ["IO.ELEMENT.BRIDGE_OFFLINE", 502, () => "The bridge is offline"],
  ["M_SOMETHING_FROM_A_FUTURE_SPEC", 400, () => "Something new"],
  ["M_FORBIDDEM", 403, () => "Near miss of a known code"],
  ["M_NOT_FOUNDX", 404, () => "Near miss of a known code"],
  ["ORG.MATRIX.MSC9999.EXPERIMENT", 400, () => "Experimental feature disabled"],
  ["M_CANNOT_JOIN", 403, () => "Conduit-style custom code"],
  ["DE.TCHNCS.POLICY_VIOLATION", 403, () => "Nachricht verstößt gegen die Richtlinien"],
];
const ALIASES = [
  ["ORG.MATRIX.MSC3823.USER_SUSPENDED", 403, () => "Account is suspended"],
  ["ORG_MATRIX_MSC3939_USER_LOCKED", 401, () => "User account has been locked", () => ({ soft_logout: true })],
  ["FI.MAU.MSC2246_NOT_YET_UPLOADED", 504, () => "Media has not been uploaded yet"],
  ["ORG.MATRIX.MSC4155.INVITE_BLOCKED", 403, () => "Invites blocked"],
  ["IO.ELEMENT.MSC4190.M_APPSERVICE_LOGIN_UNSUPPORTED", 400, () => "Login with appservice is not supported"],
  ["ORG.MATRIX.MSC4326.M_UNKNOWN_DEVICE", 400, () => "Unknown device"],
];

// Three serialisers, in the proportions servers produce them.
function pythonString(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (c < 0x20 || c > 0x7e) {
      const units = c > 0xffff ? [0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)] : [c];
      for (const u of units) out += `\\u${u.toString(16).padStart(4, "0")}`;
    } else out += ch;
  }
  return `${out}"`;
}
function serialise(obj, style) {
  if (style === "compact") return JSON.stringify(obj);
  if (style === "go") {
    // Go's encoding/json escapes <, > and & (and U+2028/9) inside strings.
    return JSON.stringify(obj).replace(
      /[<>&\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  // Python's json.dumps defaults: ", " and ": " separators, ensure_ascii.
  const walk = (v) => {
    if (typeof v === "string") return pythonString(v);
    if (Array.isArray(v)) return `[${v.map(walk).join(", ")}]`;
    if (v !== null && typeof v === "object") {
      return `{${Object.entries(v)
        .map(([k, x]) => `${pythonString(k)}: ${walk(x)}`)
        .join(", ")}}`;
    }
    return JSON.stringify(v);
  };
  return walk(obj);
}
const style = () => {
  const r = rand();
  return r < 0.82 ? "compact" : r < 0.9 ? "go" : "python";
};

// Synapse writes `error` before `errcode` (its cs_error helper); other servers the other way round.
function body(errcode, message, extra = {}) {
  return chance(0.6) ? { error: message, errcode, ...extra } : { errcode, error: message, ...extra };
}

const IMF_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const IMF_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function httpDate(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, "0");
  return `${IMF_DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${IMF_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}
const BASE_DATE = Date.UTC(2026, 10, 27, 12, 0, 0);

function headersFor(status, contentType, text) {
  const h = [
    ["content-type", contentType],
    ["date", httpDate(BASE_DATE + int(0, 86_400) * 1000)],
    ["server", pick(["Synapse/1.142.0", "nginx", "cloudflare", "Caddy", "conduwuit/0.5.0"])],
    ["access-control-allow-origin", "*"],
    ["cache-control", "no-cache, no-store, must-revalidate"],
    ["content-length", String(Buffer.byteLength(text))],
  ];
  if (status === 429 && chance(0.7)) {
    // Newer servers send Retry-After too; mostly delay-seconds, sometimes an HTTP-date.
    h.push(["retry-after", chance(0.85) ? String(int(1, 30)) : httpDate(BASE_DATE + int(1, 60) * 1000)]);
  }
  if (status === 503 && chance(0.5)) h.push(["retry-after", String(int(5, 120))]);
  return h;
}

function json(kind, status, obj) {
  const text = serialise(obj, style());
  return { kind, status, headers: headersFor(status, "application/json", text), body: text };
}

function uiaBody() {
  // A user-interactive-auth 401 that failed a stage: flows, params (terms in several languages), session.
  const langs = ["en", "de", "fr", "es", "ja", "pt"].slice(0, int(2, 6));
  const policies = {};
  for (const name of ["privacy_policy", "terms_of_service", "acceptable_use"].slice(0, int(1, 3))) {
    const policy = { version: `${int(1, 4)}.${int(0, 9)}` };
    for (const lang of langs) {
      policy[lang] = {
        name: `${name.replace(/_/g, " ")} (${lang})`,
        url: `https://${pick(SERVERS)}/_matrix/consent/${name}/${lang}/v${policy.version}.html`,
      };
    }
    policies[name] = policy;
  }
  const flows = [
    { stages: ["m.login.password"] },
    { stages: ["m.login.sso"] },
    { stages: ["m.login.recaptcha", "m.login.terms", "m.login.email.identity"] },
    { stages: ["m.login.terms", "m.login.registration_token"] },
  ];
  return body(chance(0.5) ? "M_FORBIDDEN" : "M_UNAUTHORIZED", "Invalid password", {
    completed: chance(0.5) ? ["m.login.terms"] : [],
    flows,
    params: {
      "m.login.terms": { policies },
      "m.login.recaptcha": { public_key: alnum(40) },
    },
    session: alnum(24),
  });
}

const HTML = [
  (status, title) =>
    `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  (status, title) =>
    `<html><body><h1>${status} ${title}</h1>\nNo server is available to handle this request.\n</body></html>\n`,
  (status, title) => {
    // A CDN-style error page: a few KiB of markup and inline style.
    const rows = Array.from(
      { length: int(12, 30) },
      (_, i) =>
        `  <div class="row r${i}"><span class="k">${alnum(8)}</span><span class="v">${alnum(int(20, 60))}</span></div>`,
    ).join("\n");
    return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${status}: ${title} | ${pick(SERVERS)}</title>\n<style>body{font-family:system-ui,sans-serif;margin:0;padding:2rem;color:#333}.row{display:flex;gap:1rem}.k{font-weight:600}</style>\n</head>\n<body>\n<h1>Error ${status}</h1>\n<p>${title}. The web server reported an error while contacting the origin (ray ${hex(16)}).</p>\n${rows}\n</body>\n</html>\n`;
  },
];
const TITLES = {
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
  429: "Too Many Requests",
};

function entry() {
  const r = rand();
  if (r < 0.3) {
    const extra = chance(0.85)
      ? { retry_after_ms: pick([int(100, 5000), int(1, 60) * 1000, int(10_000, 90_000)]) }
      : {};
    return json("limit", 429, body("M_LIMIT_EXCEEDED", pick(LIMIT), extra));
  }
  if (r < 0.48) return json("forbidden", 403, body("M_FORBIDDEN", pick(FORBIDDEN)()));
  if (r < 0.62) return json("not_found", 404, body("M_NOT_FOUND", pick(NOT_FOUND)()));
  if (r < 0.74) {
    const [message, soft] = pick(TOKEN);
    return json(
      "unknown_token",
      401,
      body("M_UNKNOWN_TOKEN", message(), soft || chance(0.2) ? { soft_logout: soft } : {}),
    );
  }
  if (r < 0.88) {
    const [code, status, message, extra] = pick(TAIL);
    return json("tail", status, body(code, message(), extra ? extra() : {}));
  }
  if (r < 0.92) {
    const [code, status, message, extra] = pick(CUSTOM);
    return json("custom", status, body(code, message(), extra ? extra() : {}));
  }
  if (r < 0.95) {
    const [code, status, message, extra] = pick(ALIASES);
    return json("alias", status, body(code, message(), extra ? extra() : {}));
  }
  if (r < 0.965) return json("large", 401, uiaBody());
  if (r < 0.985) {
    const status = pick([502, 502, 503, 504, 429]);
    const text = pick(HTML)(status, TITLES[status]);
    return { kind: "html", status, headers: headersFor(status, "text/html", text), body: text };
  }
  // Broken bodies: what a crashed worker or a truncating proxy sends.
  const broken = [
    () => [500, "text/plain", "Internal Server Error"],
    () => [502, "application/json", ""],
    () => [500, "application/json", JSON.stringify(body("M_UNKNOWN", "Internal server error")).slice(0, int(10, 30))],
    () => [500, "application/json", '{"error":"Internal server error"}'],
    () => [502, "application/json", "null"],
    () => [504, "text/plain", "upstream request timeout"],
  ];
  const [status, type, text] = pick(broken)();
  return { kind: "broken", status, headers: headersFor(status, type, text), body: text };
}

const entries = Array.from({ length: COUNT }, () => entry());
const sizes = entries.map((e) => Buffer.byteLength(e.body)).sort((a, b) => a - b);
const q = (p) => sizes[Math.min(sizes.length - 1, Math.floor(p * sizes.length))];
const kinds = {};
for (const e of entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
const nonAscii = entries.filter((e) => /[^ -~\t\r\n]/.test(e.body)).length;
const escapes = entries.filter((e) => /\\[u"n\\/]/.test(e.body)).length;

const out = `${JSON.stringify(
  {
    about:
      "Generated by bench/gen-corpus.mjs (fixed seed). Each entry: an HTTP error response as a client receives it: status, headers, body text.",
    seed: SEED,
    count: entries.length,
    stats: {
      kinds,
      bytes: { min: sizes[0], p50: q(0.5), p90: q(0.9), p99: q(0.99), max: sizes.at(-1) },
      nonAscii,
      escapes,
    },
    entries,
  },
  null,
  1,
)}\n`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(OUT, "utf8");
  } catch {}
  if (current !== out) {
    console.error("bench/corpus/corpus.json is stale: run node bench/gen-corpus.mjs");
    process.exit(1);
  }
  console.log("bench/corpus/corpus.json is fresh");
} else {
  writeFileSync(OUT, out);
  console.log(`wrote ${entries.length} responses to bench/corpus/corpus.json`);
  console.log(
    JSON.stringify({
      kinds,
      sizes: { min: sizes[0], p50: q(0.5), p90: q(0.9), p99: q(0.99), max: sizes.at(-1) },
      nonAscii,
      escapes,
    }),
  );
}
