// Runs once when the server starts: apply migrations (a failure stops start-up with the reason)
// and create the bootstrap admin from the environment.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Before any request: the sign-in throttle needs the real socket address (see the module).
  (await import("@/lib/server/peer-address")).installPeerAddressHeader();
  const { startServer } = await import("@/lib/server/start");
  await startServer();
}
