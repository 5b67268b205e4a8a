// Compile-only (tsc in npm test; never run): the ```ts blocks of the README's "Retrying" section,
// as pasted from /tmp/readme-retrying.md, importing from src instead of "matrix-errors".

import { decodeResponse, isErrcode, retryDelay, withRetry } from "../../src/index.js";

declare const homeserver: string;
declare const accessToken: string;
declare const roomId: string;
declare function refreshLogin(): Promise<void>;

const controller = new AbortController(); // abort() when the user closes the room
const txnId = crypto.randomUUID(); // one per message: the PUT is idempotent, so retrying is safe
const url = `${homeserver}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txnId}`;

try {
  const res = await withRetry(
    () =>
      fetch(url, {
        method: "PUT",
        headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
        body: JSON.stringify({ msgtype: "m.text", body: "Hello" }),
        signal: controller.signal, // so an abort also ends a request in flight
      }),
    {
      signal: controller.signal, // and ends a wait at once
      onRetry: (error, delayMs, attempt) =>
        console.warn(`attempt ${attempt} failed:`, error, `retrying in ${delayMs} ms`),
    },
  );
  const { event_id } = (await res.json()) as { event_id: string };
  console.log("sent", event_id);
} catch (err) {
  if (isErrcode(err, "M_LIMIT_EXCEEDED")) console.log(`rate limited for ${err.retryAfterMs} ms: tell the user`);
  else if (isErrcode(err, "M_UNKNOWN_TOKEN") && err.softLogout) await refreshLogin();
  else throw err; // the decoded ErrorResponse (Forbidden, NonMatrixResponse, …), what fetch threw, or the abort reason
}
// Block 2

export async function getWithRetry(url: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url);
    if (res.ok) return res;
    const err = await decodeResponse(res);
    const wait = retryDelay(err, attempt, { maxAttempts: 6 }); // `attempt` is the one that just failed
    if (wait === undefined) throw err;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
