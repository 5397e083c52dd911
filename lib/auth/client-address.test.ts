import { describe, it, expect } from "vitest";
import { clientAddress, trustedProxies, PEER_HEADER } from "./client-address";

const req = (h: Record<string, string>) => (name: string) => h[name.toLowerCase()] ?? null;

describe("clientAddress", () => {
  it("uses the socket peer and ignores X-Forwarded-For when no proxy is trusted (the default)", () => {
    const none = trustedProxies(undefined);
    expect(clientAddress(req({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.5" }), none)).toBe("127.0.0.1");
    expect(clientAddress(req({ [PEER_HEADER]: "::ffff:10.1.2.3", "x-forwarded-for": "203.0.113.5" }), none)).toBe("10.1.2.3");
  });

  it("without a peer address, nothing a client sends is believed", () => {
    expect(clientAddress(req({ "x-forwarded-for": "203.0.113.5", "x-real-ip": "203.0.113.6" }), trustedProxies("0.0.0.0/0"))).toBeNull();
  });

  it("behind a trusted proxy, takes the right-most entry that is not a trusted proxy", () => {
    const proxies = trustedProxies("127.0.0.1, 10.0.0.0/8");
    // The proxy appended the real client (198.51.100.7); the left entry was invented by the client.
    expect(clientAddress(req({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "203.0.113.99, 198.51.100.7" }), proxies)).toBe("198.51.100.7");
    // Two proxies in a row.
    expect(clientAddress(req({ [PEER_HEADER]: "10.0.0.2", "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.9" }), proxies)).toBe("198.51.100.7");
    // A trusted proxy that received no header: the proxy itself.
    expect(clientAddress(req({ [PEER_HEADER]: "127.0.0.1" }), proxies)).toBe("127.0.0.1");
    // Garbage in the chain stops the walk at the last good hop.
    expect(clientAddress(req({ [PEER_HEADER]: "127.0.0.1", "x-forwarded-for": "evil, 10.0.0.5" }), proxies)).toBe("10.0.0.5");
  });

  it("does not believe X-Forwarded-For from a peer that is not listed", () => {
    const proxies = trustedProxies("10.0.0.0/8");
    expect(clientAddress(req({ [PEER_HEADER]: "192.0.2.1", "x-forwarded-for": "198.51.100.7" }), proxies)).toBe("192.0.2.1");
  });

  it("matches IPv6 ranges", () => {
    const proxies = trustedProxies("::1, fd00::/8");
    expect(clientAddress(req({ [PEER_HEADER]: "::1", "x-forwarded-for": "2001:db8::1" }), proxies)).toBe("2001:db8::1");
    expect(clientAddress(req({ [PEER_HEADER]: "fd12::3", "x-forwarded-for": "[2001:db8::2]:5555" }), proxies)).toBe("2001:db8::2");
  });
});
