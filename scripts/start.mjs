// `npm start`: builds when there is no current production build, applies migrations, then serves
// the console with `next start` and prints its URL. Works on a fresh clone with no set-up.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const port = env.PORT || "3000";
env.PORT = port;
// next-auth builds its callback URLs from NEXTAUTH_URL; default to this server's local address.
env.NEXTAUTH_URL ||= env.HERALD_PUBLIC_URL || `http://localhost:${port}`;
const next = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules" || entry.name.endsWith(".test.ts")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const buildId = path.join(root, env.HERALD_DIST_DIR || ".next", "BUILD_ID");
const sources = ["app", "components", "lib", "templates", "proxy.ts", "instrumentation.ts", "next.config.js", "package.json"];
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
const stale = sources.some((s) => {
  const p = path.join(root, s);
  if (!fs.existsSync(p)) return false;
  return (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs) > built;
});
if (stale && process.env.HERALD_NO_BUILD === "1" && built) {
  console.log("herald: HERALD_NO_BUILD=1 — serving the existing build");
} else if (stale) {
  console.log(built ? "herald: sources changed since the last build — building…" : "herald: no production build yet — building (about a minute)…");
  const r = spawnSync(process.execPath, [next, "build"], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const m = spawnSync(process.execPath, [path.join(root, "bin", "herald.mjs"), "migrate"], { stdio: ["ignore", "pipe", "inherit"], env });
if (m.status !== 0) {
  console.error("herald: database migration failed — not starting.");
  process.exit(m.status ?? 1);
}

// HERALD_HOST=127.0.0.1 keeps the console off other interfaces (behind a reverse proxy).
const hostArgs = env.HERALD_HOST ? ["-H", env.HERALD_HOST] : [];
const child = spawn(process.execPath, [next, "start", "-p", port, ...hostArgs], { stdio: ["inherit", "pipe", "inherit"], env });
child.stdout.on("data", (chunk) => {
  const text = chunk.toString();
  process.stdout.write(text);
  if (/Ready|started server|✓/.test(text) && !child.announced) {
    child.announced = true;
    console.log(`\nHerald is running at ${env.NEXTAUTH_URL}  (data folder: ${path.resolve(env.HERALD_DATA_DIR || "data")})\n`);
  }
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
