// @ts-check
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
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "6mb" } },
};
module.exports = nextConfig;
