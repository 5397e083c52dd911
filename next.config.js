// @ts-check
// next-intl's plugin points its server functions at the per-request config (language, time zone, catalog).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this config file is CommonJS
const createNextIntlPlugin = require("next-intl/plugin");
const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Separate build folders let several checkouts / agents build side by side (default .next).
  distDir: process.env.HERALD_DIST_DIR || ".next",
  // Native and Node-only packages stay outside the server bundle. prom-client: one copy for the
  // instrumentation hook and every route. (pino and thread-stream are on Next's own list.)
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "smtp-server", "nodemailer", "mailparser", "prom-client"],
  typedRoutes: false,
  // `npm test` type-checks the whole project first (tsc --noEmit); it sets this to skip doing it twice.
  typescript: { ignoreBuildErrors: process.env.HERALD_SKIP_TYPECHECK === "1" },
  // The proxy (proxy.ts → lib/http/secure-proxy.ts) sets the security headers, with a per-request
  // CSP nonce, on every page and console API answer; it never sees the static files, so they get the
  // fixed ones here (the same values as STATIC_SECURITY_HEADERS in lib/http/security-headers.ts,
  // checked by its test).
  async headers() {
    const security = [
      { key: "X-Frame-Options", value: "DENY" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "same-origin" },
      { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
    ];
    // The machine API (/api/v1/…) bypasses the proxy (see proxy.ts): the same headers with the
    // API's policy (API_SECURITY_HEADERS in lib/http/security-headers.ts, checked by its test).
    const api = [...security.slice(0, 3), { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" }];
    return [...["/_next/static/:path*", "/_next/image", "/favicon.ico"].map((source) => ({ source, headers: security })), { source: "/api/v1/:path*", headers: api }];
  },
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
};
module.exports = withNextIntl(nextConfig);
