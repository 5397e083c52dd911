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
 * in `skipped` with the reason. Pure (fflate runs in the browser too).
 */
import { unzipSync } from "fflate";
import { type ConfigFileResult, MAX_CONFIG_FILE_BYTES, parseConfigFile } from "./config-files";

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
    const name = inConfig[2];
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

/** Lists and reads the configuration files of a content package. */
export function readContentPackage(bytes: Uint8Array): PackageReadResult {
  if (!isZip(bytes)) return { ok: false, error: "The file is not a zip archive (a content package is a .zip file)." };
  const skipped: PackageReadSkip[] = [];
  const candidates = new Map<string, Candidate>();
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
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
        return true;
      },
    });
  } catch (e) {
    return { ok: false, error: `The zip archive cannot be read: ${e instanceof Error ? e.message : String(e)}.` };
  }
  const files: ConfigFileResult[] = [];
  for (const [path, c] of candidates) {
    const data = entries[path];
    if (!data) continue;
    const origin = c.folder !== undefined ? { folder: c.folder, runModes: runModesOfFolder(c.folder) } : {};
    files.push(parseConfigFile(path, data, c.pid !== undefined ? { ...origin, pid: c.pid } : origin));
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { ok: true, files, skipped };
}

/** The distinct run-mode folders found, for asking which one to import ("config", "config.author"). */
export function packageFolders(files: readonly ConfigFileResult[]): string[] {
  return [...new Set(files.map((f) => f.folder).filter((f): f is string => f !== undefined))].sort();
}
