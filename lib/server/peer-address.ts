// Next.js hands route handlers a web Request with no socket, and fills X-Forwarded-For itself
// only when the client did not send one — so the real TCP peer is otherwise lost. This stamps it
// on every incoming request as a header that no client can supply (any such header is replaced),
// for lib/auth/client-address.ts.
import http from "node:http";
import { PEER_HEADER } from "@/lib/auth/client-address";

let installed = false;

export function installPeerAddressHeader() {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      const peer = req.socket?.remoteAddress;
      if (peer) req.headers[PEER_HEADER] = peer;
      else delete req.headers[PEER_HEADER];
    }
    return emit.apply(this, [event, ...args] as unknown as Parameters<typeof emit>);
  } as typeof emit;
}
