#!/usr/bin/env node
/// <reference types="node" />
/**
 * `matrix-errors explain`: decodes one error response and says what it is and what to do.
 * The package's only Node-specific module (the `bin`); zero dependencies.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
// The public surface only: the command line is a user of the package like any other.
import { CODES, type CodeSpec, decode, type ErrorResponse, NonMatrixResponse, retryDelay } from "./index.js";

const USAGE = `usage: matrix-errors explain [BODY] [--status N] [--header 'Name: value']... [--file PATH] [--json]

Decodes a Matrix error response and prints its class, errcode, meaning, typed fields
and whether (and when) to retry.

  BODY                 the response body; without it, --file PATH; else standard input
  --status N           the HTTP status of the response (100-599)
  --header 'Name: v'   a response header, repeatable (Retry-After is read)
  --file PATH          read the body from a file
  --json               print one JSON object instead of text
`;

class UsageError extends Error {}

interface Args {
  body: string | Uint8Array;
  status: number | undefined;
  headers: [string, string][];
  json: boolean;
}

function parse(argv: string[]): Args | "help" {
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return "help";
  const [command, body, ...extra] = positionals;
  if (command !== "explain") throw new UsageError(command === undefined ? "no command" : `unknown command ${command}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  let status: number | undefined;
  if (values.status !== undefined) {
    status = /^\d{3}$/.test(values.status) ? Number(values.status) : Number.NaN;
    if (!(status >= 100 && status <= 599)) throw new UsageError(`--status must be 100-599, not ${values.status}`);
  }
  const headers = (values.header ?? []).map((line): [string, string] => {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new UsageError(`--header must be 'Name: value', not ${line}`);
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
  return { body: body ?? readBody(values.file), status, headers, json: values.json === true };
}

function parseWith(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      status: { type: "string" },
      header: { type: "string", multiple: true },
      file: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function readBody(file: string | undefined): Uint8Array {
  // Bytes, not text: the decoder handles a byte-order mark and invalid UTF-8 as fetch does.
  if (file !== undefined) return readFileSync(file);
  if (process.stdin.isTTY) throw new UsageError("no body: give it as an argument, with --file, or on stdin");
  return readFileSync(0);
}

function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${Number((ms / 1000).toFixed(1))} s`;
  if (ms < 7_200_000) return `${Number((ms / 60_000).toFixed(1))} min`;
  return `${Number((ms / 3_600_000).toFixed(1))} h`;
}

/** What to do, from `retryDelay(err, 1)` (before jitter, so the answer is the same every run). */
function advise(err: ErrorResponse): { advice: string; delayMs: number | undefined } {
  const delayMs = retryDelay(err, 1, { jitter: false });
  const kind = err.isRateLimited ? "rate limited" : "transient";
  if (err.isSoftLogout) return { advice: "soft logout: refresh the token (or log in again), then retry", delayMs };
  if (delayMs !== undefined) {
    const why =
      err.retryAfterMs !== undefined ? "the server's delay" : "then double the wait on each failure, with jitter";
    return { advice: `${kind}: retry in ${duration(delayMs)} (${why})`, delayMs };
  }
  if (err.retryable && err.retryAfterMs !== undefined) {
    return {
      advice: `${kind} for ${duration(err.retryAfterMs)}: longer than withRetry waits by default (60 s); tell the user, or raise maxDelayMs`,
      delayMs,
    };
  }
  return { advice: "permanent: do not retry", delayMs };
}

function explain(args: Args): string {
  const err = decode(args.body, { status: args.status, headers: args.headers, captureStack: false });
  const row = (CODES as readonly CodeSpec[]).find((r) => r.errcode === err.errcode);
  const nonMatrix = err instanceof NonMatrixResponse ? err : undefined;
  const meaning =
    nonMatrix !== undefined
      ? "not a Matrix error (a proxy's page, or a broken body): the HTTP status decides whether to retry"
      : row === undefined || err.name === "CustomErrorResponse"
        ? "an errcode this package does not know: the HTTP status decides whether to retry"
        : row.meaning;
  const fields: Record<string, unknown> = {};
  for (const field of row !== undefined && nonMatrix === undefined ? (row.fields ?? []) : []) {
    fields[field.prop] = (err as unknown as Record<string, unknown>)[field.prop] ?? null;
  }
  const subErrcode: unknown = (err as { subErrcode?: unknown }).subErrcode;
  const proxy: unknown = (nonMatrix as { proxy?: unknown } | undefined)?.proxy;
  const { advice, delayMs } = advise(err);
  const report = {
    class: err.name,
    errcode: err.errcode,
    status: err.status ?? null,
    message: err.message,
    meaning,
    since: (nonMatrix === undefined ? row?.since : undefined) ?? null,
    msc: (nonMatrix === undefined ? row?.msc : undefined) ?? null,
    subErrcode: typeof subErrcode === "string" ? subErrcode : null,
    ...(nonMatrix === undefined
      ? {}
      : { reason: nonMatrix.reason, proxy: typeof proxy === "string" ? proxy : null, raw: nonMatrix.raw }),
    fields,
    retryAfterMs: err.retryAfterMs ?? null,
    retryable: err.retryable,
    retryDelayMs: delayMs ?? null,
    advice,
  };
  if (args.json) return `${JSON.stringify(report)}\n`;
  const lines: [string, unknown][] = [
    ["class", report.class],
    ["errcode", report.errcode],
    ["status", report.status ?? "(none given)"],
    ["message", report.message],
    ["meaning", report.meaning],
  ];
  if (report.since !== null) lines.push(["since", report.since]);
  if (report.msc !== null) lines.push(["msc", report.msc]);
  if (report.subErrcode !== null) lines.push(["subErrcode", report.subErrcode]);
  if (nonMatrix !== undefined) {
    lines.push(["reason", nonMatrix.reason]);
    if (report.proxy !== null) lines.push(["proxy", report.proxy]);
    // One line of the page is enough to recognise it.
    if (nonMatrix.raw !== "") lines.push(["raw", JSON.stringify(nonMatrix.raw.slice(0, 120))]);
  }
  for (const [prop, value] of Object.entries(fields)) lines.push([prop, value === null ? "(absent)" : value]);
  lines.push(["retryAfterMs", report.retryAfterMs ?? "(none)"]);
  lines.push(["retryable", report.retryable ? "yes" : "no"]);
  lines.push(["advice", advice]);
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  return lines
    .map(([label, value]) => `${label.padEnd(width)}${typeof value === "string" ? value : JSON.stringify(value)}\n`)
    .join("");
}

function main(argv: string[]): number {
  let args: Args | "help";
  try {
    args = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      process.stderr.write(`matrix-errors: ${(error as Error).message}\n`);
      return 1;
    }
    process.stderr.write(`matrix-errors: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  process.stdout.write(explain(args));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
