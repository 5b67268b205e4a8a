// `matrix-errors explain` as users run it: the real binary of the packed tarball, installed
// offline into a fresh project, run as node_modules/.bin/matrix-errors.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import * as assert from "uvu/assert";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "matrix-errors-cli-"));
const app = join(dir, "app");
const cli = join(app, "node_modules", ".bin", "matrix-errors");

test.before(() => {
  const packed = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const first = (JSON.parse(packed) as { filename: string }[])[0];
  if (!first) throw new Error("npm pack printed nothing");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), '{"name":"app","private":true,"type":"module"}');
  execFileSync(
    "npm",
    ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", join(dir, first.filename)],
    {
      cwd: app,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function explain(args: string[], stdin?: string): Run {
  const { status, stdout, stderr } = spawnSync(cli, args, {
    cwd: app,
    encoding: "utf8",
    // No stdin given: an empty pipe, as in a script, never the terminal.
    input: stdin ?? "",
  });
  return { code: status, stdout, stderr };
}

/** The text output as label → value. */
function fields(out: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const line of out.trimEnd().split("\n")) {
    const match = /^(\S+)\s+(.*)$/.exec(line);
    if (match) rows[match[1] as string] = match[2] as string;
  }
  return rows;
}

test("the installed bin is dist/cli.js of the package and starts with a node shebang", () => {
  const installed = join(app, "node_modules", "matrix-errors", "dist", "cli.js");
  assert.ok(existsSync(installed));
  assert.ok(readFileSync(installed, "utf8").startsWith("#!/usr/bin/env node\n"));
  const pkg = JSON.parse(readFileSync(join(app, "node_modules", "matrix-errors", "package.json"), "utf8"));
  assert.equal(pkg.bin, { "matrix-errors": "./dist/cli.js" });
});

test("body as an argument: class, errcode, status, meaning, since, retryAfterMs and the advice", () => {
  const run = explain([
    "explain",
    '{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":2500}',
    "--status",
    "429",
  ]);
  assert.is(run.code, 0, run.stderr);
  const out = fields(run.stdout);
  assert.is(out.class, "LimitExceeded");
  assert.is(out.errcode, "M_LIMIT_EXCEEDED");
  assert.is(out.status, "429");
  assert.is(out.message, "Too many requests");
  assert.is(out.meaning, "Rate limited.");
  assert.ok(out.since !== undefined && out.since.length > 0, "since");
  assert.is(out.retryAfterMs, "2500");
  assert.is(out.retryable, "yes");
  assert.is(out.advice, "rate limited: retry in 2.5 s (the server's delay)");
});

test("body on stdin; typed fields and the soft-logout advice", () => {
  const run = explain(["explain", "--status", "401"], '{"errcode":"M_UNKNOWN_TOKEN","soft_logout":true}');
  assert.is(run.code, 0, run.stderr);
  const out = fields(run.stdout);
  assert.is(out.class, "UnknownToken");
  assert.is(out.softLogout, "true");
  assert.is(out.retryable, "no");
  assert.match(out.advice ?? "", /^soft logout: refresh the token/);
});

test("body from --file; an msc code shows its MSC and its string-array field", () => {
  const file = join(dir, "safety.json");
  writeFileSync(file, '{"errcode":"ORG.MATRIX.MSC4387_SAFETY","error":"Harmful","harms":["m.spam"]}');
  const run = explain(["explain", "--file", file, "--status", "400"]);
  assert.is(run.code, 0, run.stderr);
  const out = fields(run.stdout);
  assert.is(out.class, "Safety");
  assert.is(out.errcode, "M_SAFETY");
  assert.is(out.msc, "MSC4387");
  assert.is(out.harms, '["m.spam"]');
  assert.is(out.expiry, "(absent)");
  assert.is(out.advice, "permanent: do not retry");
});

test("--status and repeated --header: Retry-After on a proxy's 503 page is the delay", () => {
  const run = explain([
    "explain",
    "<html><body><h1>503 Service Unavailable</h1></body></html>",
    "--status",
    "503",
    "--header",
    "Content-Type: text/html",
    "--header",
    "Retry-After: 3",
  ]);
  assert.is(run.code, 0, run.stderr);
  const out = fields(run.stdout);
  assert.is(out.class, "NonMatrixResponse");
  assert.is(out.reason, "not_json");
  assert.is(out.retryAfterMs, "3000");
  assert.is(out.advice, "transient: retry in 3 s (the server's delay)");
  const permanent = fields(explain(["explain", '{"errcode":"M_FORBIDDEN"}', "--status", "503"]).stdout);
  assert.is(permanent.advice, "permanent: do not retry", "a known code decides whatever the status");
  const computed = fields(explain(["explain", '{"errcode":"M_UNKNOWN"}', "--status", "502"]).stdout);
  assert.is(computed.advice, "transient: retry in 1 s (then double the wait on each failure, with jitter)");
});

test("--json prints one JSON object with every part", () => {
  const run = explain([
    "explain",
    '{"errcode":"M_LIMIT_EXCEEDED"}',
    "--status",
    "429",
    "--header",
    "retry-after: 2",
    "--json",
  ]);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.stdout.trimEnd().split("\n").length, 1);
  const report = JSON.parse(run.stdout) as Record<string, unknown>;
  assert.is(report.class, "LimitExceeded");
  assert.is(report.errcode, "M_LIMIT_EXCEEDED");
  assert.is(report.status, 429);
  assert.is(report.meaning, "Rate limited.");
  assert.is(report.retryAfterMs, 2000);
  assert.is(report.retryable, true);
  assert.is(report.retryDelayMs, 2000);
  assert.is(report.advice, "rate limited: retry in 2 s (the server's delay)");
  assert.equal(report.fields, {});
  assert.ok(typeof report.since === "string");
});

test("a bad body prints the NonMatrixResponse reason and exits 0", () => {
  for (const [body, reason] of [
    ["{not json", "not_json"],
    ["[1,2]", "not_object"],
    ['{"error":"no code"}', "missing_errcode"],
    ["", "empty"],
  ] as const) {
    const run = explain(["explain", body, "--status", "500"]);
    assert.is(run.code, 0, run.stderr);
    assert.is(fields(run.stdout).reason, reason, body);
    assert.is(fields(run.stdout).class, "NonMatrixResponse");
  }
  const json = JSON.parse(explain(["explain", "--json"], "<html>Bad Gateway</html>").stdout) as Record<string, unknown>;
  assert.is(json.reason, "not_json");
  assert.is(json.raw, "<html>Bad Gateway</html>");
  assert.is(json.status, null);
});

test("a bad flag, a bad --status or --header, or no command: usage on stderr, exit 2", () => {
  for (const args of [
    ["explain", "{}", "--bogus"],
    ["explain", "{}", "--status", "abc"],
    ["explain", "{}", "--status", "42"],
    ["explain", "{}", "--header", "no colon"],
    ["explain", "{}", "extra"],
    ["decode", "{}"],
    [],
  ]) {
    const run = explain(args);
    assert.is(run.code, 2, args.join(" "));
    assert.is(run.stdout, "", args.join(" "));
    assert.match(run.stderr, /usage: matrix-errors explain \[BODY\]/, args.join(" "));
  }
  const help = explain(["--help"]);
  assert.is(help.code, 0);
  assert.match(help.stdout, /usage: matrix-errors explain/);
});

test.after(() => {
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
});
test.run();
