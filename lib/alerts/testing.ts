// A webhook receiver on 127.0.0.1 for tests: records every JSON body POSTed to it; can answer
// with an error status, or never answer (a hanging receiver).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface WebhookReceiver {
  url: string;
  bodies: Record<string, unknown>[];
  /** Requests received, answered or not. */
  hits(): number;
  setMode(mode: "ok" | "fail" | "hang"): void;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(path = "/hook"): Promise<WebhookReceiver> {
  const bodies: Record<string, unknown>[] = [];
  let mode: "ok" | "fail" | "hang" = "ok";
  let hits = 0;
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (d) => (data += d));
    req.on("end", () => {
      hits++;
      if (mode === "hang") {
        hanging.add(res);
        return;
      }
      if (mode === "fail") {
        res.writeHead(503).end("down");
        return;
      }
      try {
        bodies.push(JSON.parse(data) as Record<string, unknown>);
      } catch {
        bodies.push({ unparsable: data });
      }
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    bodies,
    hits: () => hits,
    setMode: (m) => (mode = m),
    stop: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
