// `npm run worker`: the outbox worker as a process of its own (run it with
// HERALD_WORKER_IN_SERVER=0 on the console, or next to it: workers share the database safely).
// package.json runs this file with `node --conditions=react-server --import tsx`, so the
// TypeScript sources load directly; SIGTERM finishes the messages in hand and exits.
import { runStandaloneWorker } from "../lib/outbox/runtime.ts";
import { logger } from "../lib/log.ts";

runStandaloneWorker().catch((e) => {
  logger().fatal({ component: "worker" }, `herald worker: cannot start.\n${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
