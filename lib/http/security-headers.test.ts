import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { API_CSP, API_SECURITY_HEADERS, STATIC_SECURITY_HEADERS, newNonce, pageCsp, setSecurityHeaders } from "./security-headers";
import { isPossibleServerAction, malformedOrigin } from "./action-origin";

const directives = (csp: string) => Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("security headers against framing, sniffing and injected script", () => {
  it("gives every response the framing, sniffing and referrer headers", () => {
    const h = setSecurityHeaders(new Headers(), API_CSP);
    expect(h.get("x-frame-options")).toBe("DENY");
    expect(h.get("x-content-type-options")).toBe("nosniff");
    expect(h.get("referrer-policy")).toBe("same-origin");
    expect(directives(h.get("content-security-policy")!)["frame-ancestors"]).toEqual(["'none'"]);
  });

  it("lets pages run only scripts with this request's nonce", () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(newNonce()).not.toBe(nonce);
    const d = directives(pageCsp(nonce));
    expect(d["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(pageCsp(nonce)).not.toMatch(/unsafe-eval/);
    expect(pageCsp(nonce, { dev: true })).toMatch(/'unsafe-eval'/);
  });

  it("next.config.js gives the static files and the API (which the proxy does not see) the same headers", async () => {
    const config = createRequire(import.meta.url)("../../next.config.js") as { headers: () => Promise<{ source: string; headers: unknown }[]> };
    const rules = await config.headers();
    expect(rules.map((r) => r.source)).toContain("/_next/static/:path*");
    for (const r of rules) expect(r.headers).toEqual(r.source === "/api/v1/:path*" ? API_SECURITY_HEADERS : STATIC_SECURITY_HEADERS);
    expect(rules.filter((r) => r.source === "/api/v1/:path*")).toHaveLength(1);
    // The API's headers are the ones the proxy would set: the API policy and the three others.
    expect(Object.fromEntries(API_SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value]))).toEqual(Object.fromEntries(setSecurityHeaders(new Headers(), API_CSP)));
  });
});

describe("server action Origin that is not a URL", () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it("knows Next's possible server actions", () => {
    expect(isPossibleServerAction("POST", h({ "next-action": "abc" }))).toBe(true);
    expect(isPossibleServerAction("POST", h({ "content-type": "multipart/form-data; boundary=x" }))).toBe(true);
    expect(isPossibleServerAction("POST", h({ "content-type": "application/json" }))).toBe(false);
    expect(isPossibleServerAction("GET", h({ "next-action": "abc" }))).toBe(false);
  });
  it("refuses an Origin that is not a URL and accepts the rest", () => {
    for (const bad of ["not a url", "http://", "://x", "http://[::1", "herald.example.com"]) expect(malformedOrigin(h({ origin: bad })), bad).toMatch(/Origin header must be a URL/);
    for (const ok of ["http://127.0.0.1:3000", "https://herald.example.com", "null"]) expect(malformedOrigin(h({ origin: ok })), ok).toBeNull();
    expect(malformedOrigin(h({}))).toBeNull();
  });
});
