// Self-signed TLS material for tests (SMTP servers with STARTTLS / SSL on connect).
// Node's crypto can parse X.509 but cannot issue certificates, so this shells out to the
// `openssl` CLI once per process and caches the result; the temp dir is removed on exit.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TestCert {
  /** PEM private key (EC P-256, unencrypted). */
  key: string;
  /** PEM certificate; hand it to clients as `tls: { ca: [cert] }` to trust it. */
  cert: string;
  keyPath: string;
  certPath: string;
  dir: string;
}

export interface CreateTestCertOptions {
  /** Subject CN; default "localhost". */
  commonName?: string;
  /** subjectAltName entries; default localhost, 127.0.0.1 and ::1. */
  altNames?: string[];
  /** Validity in days; default 30. */
  days?: number;
}

const DEFAULT_ALT_NAMES = ["DNS:localhost", "IP:127.0.0.1", "IP:::1"];
const dirsToRemove: string[] = [];
let cleanupRegistered = false;

function registerCleanup(): void {
  if (cleanupRegistered) return;
  cleanupRegistered = true;
  process.once("exit", () => {
    for (const dir of dirsToRemove) {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort: a leftover temp dir is harmless
      }
    }
  });
}

/** Issues a fresh self-signed certificate (not cached). Throws if `openssl` is missing. */
export function createTestCert(opts: CreateTestCertOptions = {}): TestCert {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-tls-"));
  dirsToRemove.push(dir);
  registerCleanup();
  const keyPath = path.join(dir, "key.pem");
  const certPath = path.join(dir, "cert.pem");
  const cn = opts.commonName ?? "localhost";
  const san = (opts.altNames ?? DEFAULT_ALT_NAMES).join(",");
  execFileSync(
    "openssl",
    [
      "req", "-x509",
      "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout", keyPath,
      "-out", certPath,
      "-days", String(opts.days ?? 30),
      "-subj", `/CN=${cn}`,
      "-addext", `subjectAltName=${san}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"], timeout: 15_000 },
  );
  return {
    key: fs.readFileSync(keyPath, "utf8"),
    cert: fs.readFileSync(certPath, "utf8"),
    keyPath,
    certPath,
    dir,
  };
}

let cached: TestCert | undefined;

/**
 * The per-process certificate for localhost / 127.0.0.1 / ::1 (created on first use). When
 * HERALD_TEST_TLS_DIR names a folder with key.pem and cert.pem, those are used instead, so that
 * end-to-end tests and the server under test (NODE_EXTRA_CA_CERTS) share one certificate.
 */
export function getTestCertSync(): TestCert {
  const shared = process.env.HERALD_TEST_TLS_DIR;
  if (!cached && shared && fs.existsSync(path.join(shared, "cert.pem"))) {
    const keyPath = path.join(shared, "key.pem");
    const certPath = path.join(shared, "cert.pem");
    cached = { key: fs.readFileSync(keyPath, "utf8"), cert: fs.readFileSync(certPath, "utf8"), keyPath, certPath, dir: shared };
  }
  cached ??= createTestCert();
  return cached;
}

/** Writes a certificate into `dir` (key.pem, cert.pem) unless one is there; returns the cert path. */
export function ensureSharedTestCert(dir: string): string {
  const certPath = path.join(dir, "cert.pem");
  if (fs.existsSync(certPath)) return certPath;
  const c = createTestCert();
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(c.keyPath, path.join(dir, "key.pem"));
  fs.copyFileSync(c.certPath, certPath);
  return certPath;
}

export async function getTestCert(): Promise<TestCert> {
  return getTestCertSync();
}
