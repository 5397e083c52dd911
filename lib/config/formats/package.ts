/**
 * Reading OSGi configurations out of a content package (.zip).
 *
 * Picked up:
 *   jcr_root/apps/<app>/config/<pid>.cfg.json | .xml | .config
 *   jcr_root/apps/<app>/config.<runmode>[.<runmode>…]/…           (config.author, config.publish.prod)
 *   jcr_root/apps/<app>/…/config…/…                               (e.g. osgiconfig/config.author, as in
 *                                                                   AEM project archetype ui.config)
 *   jcr_root/apps/<app>/config…/<pid>/.content.xml                 (a node written as a folder)
 *   <pid>.cfg.json at the top of the zip                           (Herald's own flat export)
 * Everything else is ignored; files that look like configurations but are not read are listed
 * in `skipped` with the reason. Server-side: entries are inflated by Node's zlib (thread pool).
 */
import { promisify } from "node:util";
import zlib from "node:zlib";
import { Unzip, unzipSync, type UnzipDecoder } from "fflate";
import { type ConfigFileResult, MAX_CONFIG_FILE_BYTES, parseConfigFile } from "./config-files";

const inflateRaw = promisify(zlib.inflateRaw) as (buf: Uint8Array, opts: zlib.ZlibOptions) => Promise<Buffer>;

export interface PackageReadSkip {
  path: string;
  reason: string;
}

export type PackageReadResult =
  | { ok: true; files: ConfigFileResult[]; skipped: PackageReadSkip[] }
  | { ok: false; error: string };

export const MAX_PACKAGE_CONFIG_FILES = 500;

const IN_CONFIG_FOLDER = /^(?:.*\/)?jcr_root\/apps\/[^/]+\/(?:[^/]+\/)*?(config(?:\.[^/.]+)*)\/([^/]+)$/;
const NODE_AS_FOLDER = /^(?:.*\/)?jcr_root\/apps\/[^/]+\/(?:[^/]+\/)*?(config(?:\.[^/.]+)*)\/([^/]+)\/\.content\.xml$/;
const TOP_LEVEL = /^[^/]+\.(cfg\.json|xml|config)$/i;
const CONFIG_EXT = /\.(cfg\.json|xml|config)$/i;

/** "config" → [], "config.author.prod" → ["author", "prod"]. */
export function runModesOfFolder(folder: string): string[] {
  return folder.split(".").slice(1);
}

type Candidate = { path: string; folder?: string; pid?: string };

function classify(path: string): { use: Candidate } | { skip: string } | null {
  if (path.endsWith("/")) return null; // directory entry
  if (path.startsWith("META-INF/")) return null;
  const folderNode = NODE_AS_FOLDER.exec(path);
  if (folderNode) return { use: { path, folder: folderNode[1], pid: folderNode[2] } };
  const inConfig = IN_CONFIG_FOLDER.exec(path);
  if (inConfig) {
    const name = inConfig[2] ?? "";
    if (name === ".content.xml") return null; // the folder's own node
    if (CONFIG_EXT.test(name)) return { use: { path, folder: inConfig[1] } };
    if (/\.cfg$/i.test(name)) {
      return { skip: "Properties-style .cfg files are not supported; use .cfg.json, .config or .xml." };
    }
    return { skip: "Not a configuration file (expected .cfg.json, .xml or .config)." };
  }
  if (TOP_LEVEL.test(path)) return { use: { path } };
  if (/\.(cfg\.json|config)$/i.test(path)) {
    return { skip: "Not in a config folder (jcr_root/apps/<app>/config…/), so AEM would not install it." };
  }
  return null;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);
}

/** Caps on what a package may unpack to: a 593 KB zip of 500 entries of 1 MB
 * each (a "zip bomb") would otherwise become 500 MB in memory. Real configuration packages are a
 * few KB of JSON or XML. */
export const MAX_PACKAGE_UNPACKED_BYTES = 16 * 1024 * 1024;
/** Unpacked ÷ packed size, per entry and for the whole archive (the archive's once more than
 * RATIO_FLOOR bytes were unpacked). Text configurations compress 5–20 times. */
export const MAX_PACKAGE_RATIO = 100;
const RATIO_FLOOR = 1024 * 1024;
const SCAN_STEP_BYTES = 32 * 1024;
/** What any one entry may unpack to whatever its ratio (small files compress very well). */
const ENTRY_RATIO_FLOOR = 64 * 1024;

export interface PackageLimits {
  maxUnpackedBytes: number;
  maxRatio: number;
}

/** Hands an entry's deflated bytes through as they are: fflate finds the entries (local headers,
 * data descriptors), Node's zlib inflates them (below). */
class DeflatedPassThrough implements UnzipDecoder {
  static compression = 8;
  ondata!: UnzipDecoder["ondata"];
  push(chunk: Uint8Array, final: boolean) {
    this.ondata(null, chunk as Parameters<UnzipDecoder["ondata"]>[1], final);
  }
}

type Collected = { compression: number; parts: Uint8Array[]; done: boolean };

/**
 * Lists and reads the configuration files of a content package. Only configuration entries are
 * inflated, one after the other, by Node's zlib on its thread pool (the event loop stays free),
 * each stopped by `maxOutputLength` the moment it passes what is left of the caps — the sizes the
 * archive claims are not trusted.
 */
export async function readContentPackage(bytes: Uint8Array, limits: PackageLimits = { maxUnpackedBytes: MAX_PACKAGE_UNPACKED_BYTES, maxRatio: MAX_PACKAGE_RATIO }): Promise<PackageReadResult> {
  if (!isZip(bytes)) return { ok: false, error: "The file is not a zip archive (a content package is a .zip file)." };
  const skipped: PackageReadSkip[] = [];
  const candidates = new Map<string, Candidate>();
  const unreadable = (e: unknown) => ({ ok: false as const, error: `The zip archive cannot be read: ${e instanceof Error ? e.message : String(e)}.` });
  // Pass 1: the central directory (nothing is inflated): the archive's structure, and which
  // entries are configuration files.
  try {
    unzipSync(bytes, {
      filter: (info) => {
        const c = classify(info.name);
        if (!c) return false;
        if ("skip" in c) {
          skipped.push({ path: info.name, reason: c.skip });
          return false;
        }
        if (info.originalSize > MAX_CONFIG_FILE_BYTES) {
          skipped.push({ path: info.name, reason: `Larger than ${MAX_CONFIG_FILE_BYTES / 1024} KB.` });
          return false;
        }
        if (candidates.size >= MAX_PACKAGE_CONFIG_FILES) {
          skipped.push({ path: info.name, reason: `More than ${MAX_PACKAGE_CONFIG_FILES} configuration files.` });
          return false;
        }
        candidates.set(info.name, c.use);
        return false;
      },
    });
  } catch (e) {
    return unreadable(e);
  }

  // Pass 2: the packed bytes of the wanted entries (at most the upload's size).
  const collected = new Map<string, Collected>();
  const unzip = new Unzip((file) => {
    if (!candidates.has(file.name) || collected.has(file.name)) return;
    if (file.compression !== 0 && file.compression !== 8) {
      candidates.delete(file.name);
      skipped.push({ path: file.name, reason: "Compressed with a method other than deflate." });
      return;
    }
    const entry: Collected = { compression: file.compression, parts: [], done: false };
    collected.set(file.name, entry);
    file.ondata = (err, chunk, final) => {
      if (err) throw err;
      entry.parts.push(chunk);
      if (final) entry.done = true;
    };
    file.start();
  });
  unzip.register(DeflatedPassThrough);
  try {
    // In steps, letting other requests run between them (a package may hold many entries).
    for (let at = 0; at < bytes.length; at += SCAN_STEP_BYTES) {
      unzip.push(bytes.subarray(at, at + SCAN_STEP_BYTES), at + SCAN_STEP_BYTES >= bytes.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (e) {
    return unreadable(e);
  }

  // Pass 3: inflate, counting real output against the caps.
  const tooLarge = {
    ok: false as const,
    error: `The package is too large when unpacked (more than ${limits.maxUnpackedBytes / 1024 / 1024} MB, or more than ${limits.maxRatio} times its packed size); a content package of configurations is a few KB.`,
  };
  let unpacked = 0;
  const files: ConfigFileResult[] = [];
  for (const [path, c] of candidates) {
    const entry = collected.get(path);
    if (!entry?.done) continue;
    const left = limits.maxUnpackedBytes - unpacked;
    if (left <= 0) return tooLarge;
    const packed = concat(entry.parts);
    // An entry may not expand more than maxRatio times (beyond a small floor): the probe's 1 KB
    // entries that unpack to 1 MB each are stopped after about 100 KB of work.
    const byRatio = Math.max(ENTRY_RATIO_FLOOR, packed.length * limits.maxRatio);
    const cap = Math.min(MAX_CONFIG_FILE_BYTES, left, byRatio);
    const onlyTooLargeAFile = MAX_CONFIG_FILE_BYTES < left && MAX_CONFIG_FILE_BYTES < byRatio;
    let data: Uint8Array;
    if (entry.compression === 0) {
      data = packed;
    } else {
      try {
        data = await inflateRaw(packed, { maxOutputLength: cap });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ERR_BUFFER_TOO_LARGE") return unreadable(new Error(`${path}: ${(e as Error).message}`));
        if (!onlyTooLargeAFile) return tooLarge;
        unpacked += MAX_CONFIG_FILE_BYTES;
        skipped.push({ path, reason: `Larger than ${MAX_CONFIG_FILE_BYTES / 1024} KB.` });
        continue;
      }
    }
    unpacked += data.length;
    if (unpacked > limits.maxUnpackedBytes || (unpacked > RATIO_FLOOR && unpacked / bytes.length > limits.maxRatio)) return tooLarge;
    if (data.length > MAX_CONFIG_FILE_BYTES) {
      skipped.push({ path, reason: `Larger than ${MAX_CONFIG_FILE_BYTES / 1024} KB.` });
      continue;
    }
    const origin = c.folder !== undefined ? { folder: c.folder, runModes: runModesOfFolder(c.folder) } : {};
    files.push(parseConfigFile(path, data, c.pid !== undefined ? { ...origin, pid: c.pid } : origin));
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ok: true, files, skipped };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The distinct run-mode folders found, for asking which one to import ("config", "config.author"). */
export function packageFolders(files: readonly ConfigFileResult[]): string[] {
  return [...new Set(files.map((f) => f.folder).filter((f): f is string => f !== undefined))].sort();
}
