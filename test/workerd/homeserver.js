// A stub homeserver: a fixed answer per path, and an echo of what the proxy sent on the rest.
const json = (status, body, headers = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

const ROUTES = {
  "/_matrix/client/v3/rooms/!r:hs/send/m.room.message/1": () =>
    json(
      429,
      { errcode: "M_LIMIT_EXCEEDED", error: "Too many requests", retry_after_ms: 5000 },
      { "retry-after": "3" },
    ),
  "/_matrix/client/v3/sync": () =>
    json(401, { errcode: "M_UNKNOWN_TOKEN", error: "Access token has expired", soft_logout: true }),
  "/_matrix/client/v3/profile/@suspended:hs": () =>
    json(403, { errcode: "ORG.MATRIX.MSC3823.USER_SUSPENDED", error: "Your account is suspended" }),
  "/_matrix/client/v3/proxy-down": () =>
    new Response("<html><body>502 Bad Gateway</body></html>", {
      status: 502,
      headers: { "content-type": "text/html" },
    }),
};

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const route = ROUTES[url.pathname];
    if (route) return route();
    return json(200, {
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      body: await request.text(),
    });
  },
};
