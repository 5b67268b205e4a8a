/**
 * Who answered instead of the Matrix server: a proxy, CDN or web server named by the response.
 * The signatures it looks for are in `proxy-signatures.ts`.
 *
 * @module
 */
import { GENERATED, PAGES, PATH, type ProxyName, SERVERS, TRAEFIK, VIA } from "./proxy-signatures.js";
import { headerValue } from "./retry-after.js";
import type { HeadersInput } from "./types.js";

/**
 * Names who answered instead of the Matrix server, from a response's headers and the first KiB
 * of its body, or `undefined` when the response does not say (or a Matrix server wrote it). Never
 * throws: headers that throw on read count as absent.
 *
 * Precedence, strongest first: (1) a page that names its author (`<center>nginx</center>`,
 * Cloudflare's `cf-error-details`, Envoy's "upstream connect error…"), since the body is what
 * answered even when a CDN relayed it, and a Varnish page behind Fastly is Fastly's; (2) a header
 * a proxy sets only on its own responses (`x-squid-error`, `cf-mitigated`, `x-envoy-overloaded`,
 * `x-kong-response-latency`); (3) a `Server` naming known software, while any other `Server`
 * (`Synapse/1.120`, `gunicorn`) means the origin answered, so the result is `undefined`;
 * Cloudflare rewrites `Server` on every response, so `Server: cloudflare` counts as (5);
 * (4) Traefik's bare reason phrase ("Bad Gateway") when no other `Server` is set; (5) headers a
 * proxy adds to every response it relays (`cf-ray`, `x-amz-cf-id`, `x-served-by: cache-…`, `Via`),
 * in the table's order.
 *
 * @example
 * proxyOf({ Server: "nginx" }, "<html>…<hr><center>nginx</center>") // "nginx"
 * proxyOf(new Headers({ "cf-ray": "8f1c2d3e4a5b6c7d-AMS" }), "") // "cloudflare"
 */
export function proxyOf(headers: HeadersInput | undefined, raw: string): ProxyName | undefined {
  const page = typeof raw === "string" ? raw.slice(0, 1024).toLowerCase() : "";
  const read = reader(headers);
  for (const [name, pattern] of PAGES) {
    if (!pattern.test(page)) continue;
    if (name === "varnish" && viaFastly(read)) return "fastly";
    return name;
  }
  for (const [name, header] of GENERATED) if (read(header) !== undefined) return name;
  const server = read("server")?.trim().toLowerCase() || undefined;
  if (server !== undefined && server !== "cloudflare") {
    for (const [name, pattern] of SERVERS) if (pattern.test(server)) return name;
    return undefined;
  }
  // Here `Server` is absent or Cloudflare's. Traefik sets none, and Cloudflare's own errors always
  // carry a page, so a bare phrase is the origin's.
  if (TRAEFIK.test(page)) return "traefik";
  return server === "cloudflare" ? "cloudflare" : pathProxy(read);
}

type Read = (name: string) => string | undefined;

function viaFastly(read: Read): boolean {
  return PATH.some((entry) => entry[0] === "fastly" && present(read, entry));
}

function pathProxy(read: Read): ProxyName | undefined {
  for (const entry of PATH) if (present(read, entry)) return entry[0];
  const via = read("via")?.toLowerCase();
  if (via !== undefined) for (const [name, pattern] of VIA) if (pattern.test(via)) return name;
  return undefined;
}

function present(read: Read, [, header, pattern]: (typeof PATH)[number]): boolean {
  const value = read(header);
  return value !== undefined && (pattern === undefined || pattern.test(value));
}

// One header at a time through the library's reader; a header object that throws (a getter, a
// Proxy trap) is treated as absent from then on.
function reader(headers: HeadersInput | undefined): Read {
  let broken = headers === undefined || headers === null || typeof headers !== "object";
  return (name) => {
    if (broken) return undefined;
    try {
      return headerValue(headers as HeadersInput, name);
    } catch {
      broken = true;
      return undefined;
    }
  };
}
