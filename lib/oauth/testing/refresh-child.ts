// Run by tokens.test.ts as a separate process (like a second Herald server or a worker on the
// same database): asks for an access token `HERALD_TEST_CALLS` times at once and prints what it got.
import { getAccessToken } from "../tokens";

async function main() {
  const calls = Number(process.env.HERALD_TEST_CALLS ?? "5");
  const results = await Promise.allSettled(Array.from({ length: calls }, () => getAccessToken()));
  const out = results.map((r) => (r.status === "fulfilled" ? { ok: true, token: r.value.accessToken, refreshed: r.value.refreshed } : { ok: false, error: String((r.reason as Error)?.message ?? r.reason) }));
  process.stdout.write(JSON.stringify(out));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(String(e));
    process.exit(1);
  },
);
