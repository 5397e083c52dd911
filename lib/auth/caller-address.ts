import "server-only";
// The address of the client calling a server action, as the sign-in throttle sees it: the socket
// peer, or what a trusted proxy says (lib/auth/client-address.ts).
import { headers } from "next/headers";
import { requestAddress } from "@/lib/auth/options";

export async function callerAddress(): Promise<string | null> {
  const h = await headers();
  return requestAddress(Object.fromEntries(h.entries()));
}
