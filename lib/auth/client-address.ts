// The address a request really came from, for the sign-in throttle and the session list.
// X-Forwarded-For is written by whoever sends the request, so it is believed only when the TCP
// peer is a proxy the operator listed in HERALD_TRUSTED_PROXIES, and then only as far as the chain
// of listed proxies reaches: the right-most entry that is not itself a trusted proxy is the client
// (everything left of it was supplied by that client and may be invented).
import { BlockList, isIP } from "node:net";
import { parseProxyList } from "@/lib/env";

/** Header set by lib/server/peer-address.ts from the socket; any value a client sends is overwritten. */
export const PEER_HEADER = "x-herald-peer-address";

export function normalizeAddress(a: string): string {
  const v = a.trim().replace(/^\[(.*)\](:\d+)?$/, "$1");
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v)?.[1];
  return mapped ?? v.toLowerCase();
}

export function trustedProxies(list: string | undefined): BlockList {
  const bl = new BlockList();
  for (const e of (list && parseProxyList(list)) || []) {
    if (e.prefix === (e.family === "ipv4" ? 32 : 128)) bl.addAddress(e.address, e.family);
    else bl.addSubnet(e.address, e.prefix, e.family);
  }
  return bl;
}

function isTrusted(bl: BlockList, address: string): boolean {
  const family = isIP(address);
  if (!family) return false;
  return bl.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket peer, or — when the peer is a trusted proxy — the right-most
 * X-Forwarded-For entry that is not a trusted proxy. null when the peer is unknown.
 */
export function clientAddress(get: (name: string) => string | null | undefined, proxies: BlockList): string | null {
  const peerRaw = get(PEER_HEADER);
  if (!peerRaw) return null;
  let client = normalizeAddress(peerRaw);
  if (!isTrusted(proxies, client)) return client;
  const chain = (get("x-forwarded-for") ?? "").split(",").map(normalizeAddress).filter(Boolean);
  for (const hop of chain.reverse()) {
    // A garbled entry ends the trust: the hop that wrote it is not one of ours.
    if (!isIP(hop)) break;
    client = hop;
    if (!isTrusted(proxies, client)) break;
  }
  return client;
}
