// The corpus: 1,000 error responses in issue 13's mix, generated from a fixed seed at run time.
// Its SHA-256 is committed in bench/corpus.sha256; a generator that drifts fails the run rather than
// silently measuring something else. `node bench/lib/corpus.mjs --write-hash` rewrites the hash.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { prng } from "./stats.mjs";

const SEED = 0x5eed_2026;
const HASH_FILE = new URL("../corpus.sha256", import.meta.url);

// Shares of 1,000 (issue 13): exact counts, then shuffled.
export const MIX = {
  limit: 300,
  forbidden: 200,
  not_found: 150,
  unknown_token: 150,
  other: 120,
  custom: 50,
  proxy: 30,
};

/** The corpus entries: `{ kind, status, headers (a plain record), body (text) }`. */
export function generate(seed = SEED) {
  const rand = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  const id = (n) =>
    Array.from({ length: n }, () => "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789"[int(0, 45)]).join("");
  const server = () => pick(["matrix.org", "example.org", "kde.org", "tchncs.de", "envs.net"]);
  const user = () => `@${pick(["alice", "bob", "carol", "zoë", "josé", "ユーザー"])}${int(1, 99)}:${server()}`;
  const room = () => `!${id(18)}:${server()}`;
  // Synapse writes `error` first, most other servers `errcode` first.
  const json = (errcode, error, extra = {}) =>
    JSON.stringify(chance(0.6) ? { errcode, error, ...extra } : { error, errcode, ...extra });
  const headers = (type, more = {}) => ({
    "content-type": type,
    date: "Fri, 27 Nov 2026 12:00:00 GMT",
    server: pick(["Synapse/1.142.0", "nginx", "cloudflare", "conduwuit/0.5.0"]),
    "cache-control": "no-cache, no-store, must-revalidate",
    ...more,
  });
  const OTHER = [
    ["M_MISSING_TOKEN", 401, "Missing access token."],
    ["M_UNRECOGNIZED", 404, "Unrecognized request"],
    ["M_UNKNOWN", 500, "Internal server error"],
    ["M_BAD_JSON", 400, "Missing parameter: msgtype"],
    ["M_NOT_JSON", 400, "Content not JSON."],
    ["M_INVALID_PARAM", 400, 'Query parameter "limit" must be a non-negative integer'],
    ["M_USER_IN_USE", 400, "User ID already taken."],
    ["M_TOO_LARGE", 413, "event too large"],
    ["M_USER_DEACTIVATED", 403, "This account has been deactivated"],
    ["M_GUEST_ACCESS_FORBIDDEN", 403, "Guest access not allowed"],
    ["M_INCOMPATIBLE_ROOM_VERSION", 400, "Unsupported room version", { room_version: "12" }],
    ["M_RESOURCE_LIMIT_EXCEEDED", 403, "Monthly Active User Limit Exceeded", { admin_contact: "mailto:a@b.c" }],
    ["M_NOT_YET_UPLOADED", 504, "Media has not been uploaded yet"],
    ["M_WRONG_ROOM_KEYS_VERSION", 403, "Wrong backup version.", { current_version: "7" }],
    ["ORG.MATRIX.MSC3823.USER_SUSPENDED", 403, "Account is suspended"],
  ];
  const CUSTOM = ["COM.EXAMPLE.QUOTA_EXCEEDED", "IO.ELEMENT.BRIDGE_OFFLINE", "M_FORBIDDEM", "DE.TCHNCS.POLICY"];
  const make = {
    limit: () => {
      const seconds = int(1, 30);
      const extra = chance(0.8) ? { retry_after_ms: seconds * 1000 } : {};
      const body = json("M_LIMIT_EXCEEDED", pick(["Too Many Requests", "Too many requests", "Rate limited"]), extra);
      return { status: 429, headers: headers("application/json", { "retry-after": String(seconds) }), body };
    },
    forbidden: () => {
      const error = pick([
        `User ${user()} not in room ${room()}`,
        "You don't have permission to post that to the room. user_level (0) < send_level (50)",
        "You are not invited to this room.",
        "Invalid password",
        `Zugriff verweigert: ${user()} ist nicht im Raum`,
      ]);
      return { status: 403, headers: headers("application/json"), body: json("M_FORBIDDEN", error) };
    },
    not_found: () => {
      const error = pick(["Event not found.", `Could not find event $${id(43)}`, "Room not found", "Unknown user"]);
      return { status: 404, headers: headers("application/json"), body: json("M_NOT_FOUND", error) };
    },
    unknown_token: () => {
      const soft = chance(0.3);
      const error = soft ? "Access token has expired" : "Invalid access token passed.";
      const body = json("M_UNKNOWN_TOKEN", error, soft ? { soft_logout: true } : {});
      return { status: 401, headers: headers("application/json"), body };
    },
    other: () => {
      const [errcode, status, error, extra] = pick(OTHER);
      return { status, headers: headers("application/json"), body: json(errcode, error, extra) };
    },
    custom: () => ({ status: 400, headers: headers("application/json"), body: json(pick(CUSTOM), "Not a known code") }),
    proxy: () => {
      const [status, title] = pick([
        [502, "Bad Gateway"],
        [503, "Service Temporarily Unavailable"],
        [504, "Gateway Time-out"],
      ]);
      const body = `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
      return { status, headers: headers("text/html", status === 503 ? { "retry-after": "120" } : {}), body };
    },
  };
  const kinds = Object.entries(MIX).flatMap(([kind, n]) => Array.from({ length: n }, () => kind));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds.map((kind) => ({ kind, ...make[kind]() }));
}

export const hashOf = (entries) => createHash("sha256").update(JSON.stringify(entries)).digest("hex");

/** The corpus, checked against the committed hash (throws on a mismatch). */
export function loadCorpus() {
  const entries = generate();
  const want = readFileSync(HASH_FILE, "utf8").trim();
  const got = hashOf(entries);
  if (got !== want)
    throw new Error(`corpus hash ${got} ≠ committed ${want} (bench/corpus.sha256): the generator changed`);
  return entries;
}

if (process.argv.includes("--write-hash")) writeFileSync(HASH_FILE, `${hashOf(generate())}\n`);
