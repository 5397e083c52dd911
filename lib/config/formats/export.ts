/**
 * Writing service configurations as AEM files: `<pid>.cfg.json`, `sling:OsgiConfig` XML, and a
 * zip of them (flat, or laid out as an installable content package).
 *
 * No secret leaves in clear: a secret field is written as a `$[secret:NAME]` placeholder (or the
 * placeholder it already is), whatever is stored — clear text, ciphertext or nothing else.
 * Pure; safe in the browser.
 */
import { zipSync } from "fflate";
import { formatPlaceholder, parsePlaceholder } from "../placeholders";
import type { ConfigValues, FieldValue, ServiceDef } from "../types";
import { formatDocViewValue } from "./docview";

function snake(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/**
 * The environment variable name a secret is exported under: the field's `envName`, or
 * HERALD_<envPrefix>_<KEY> (HERALD_SMTP_PASSWORD, HERALD_OAUTH_CLIENT_SECRET). Stable: it depends
 * only on the PID and the key.
 */
export function secretPlaceholderName(def: ServiceDef, key: string): string {
  const field = def.fields.find((f) => f.key === key);
  if (field?.type === "secret" && field.envName) return field.envName;
  const prefix = def.envPrefix ?? snake((def.pid.split(".").pop() ?? def.pid).replace(/Impl$/, ""));
  return ["HERALD", snake(prefix), snake(key)].filter((p) => p !== "").join("_");
}

/**
 * The values as they are written to a file: every field in definition order (defaults for
 * missing ones), secrets replaced by placeholders, keys unknown to the definition dropped.
 */
export function exportValues(def: ServiceDef, values: Record<string, unknown> | null | undefined): ConfigValues {
  const v = values ?? {};
  const out: ConfigValues = {};
  for (const f of def.fields) {
    const value = v[f.key];
    if (f.type === "secret") {
      const p = typeof value === "string" ? parsePlaceholder(value) : null;
      if (typeof value !== "string" || value === "") out[f.key] = "";
      // Kept as it is, but never with a default: that would be a value in clear.
      else if (p) out[f.key] = formatPlaceholder(p.kind, p.name);
      else out[f.key] = formatPlaceholder("secret", secretPlaceholderName(def, f.key));
      continue;
    }
    const chosen = (value === undefined || value === null ? f.default : value) as FieldValue;
    out[f.key] = Array.isArray(chosen) ? [...chosen] : chosen;
  }
  return out;
}

/** `<pid>.cfg.json` content (AEM as a Cloud Service format), pretty-printed. */
export function exportCfgJson(def: ServiceDef, values: Record<string, unknown> | null | undefined): string {
  return `${JSON.stringify(exportValues(def, values), null, 2)}\n`;
}

function xmlAttr(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#xd;")
    .replace(/\n/g, "&#xa;")
    .replace(/\t/g, "&#x9;");
}

/** `<pid>.xml` content: a sling:OsgiConfig node in FileVault DocView format, with typed values. */
export function exportOsgiConfigXml(def: ServiceDef, values: Record<string, unknown> | null | undefined): string {
  const out = exportValues(def, values);
  const attrs = Object.entries(out).map(([k, v]) => `\n    ${k}="${xmlAttr(formatDocViewValue(v))}"`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<jcr:root xmlns:sling="http://sling.apache.org/jcr/sling/1.0" xmlns:jcr="http://www.jcp.org/jcr/1.0"\n' +
    '    jcr:primaryType="sling:OsgiConfig"' +
    attrs.join("") +
    "/>\n"
  );
}

export interface ExportEntry {
  def: ServiceDef;
  values: Record<string, unknown> | null | undefined;
}

export interface ExportZipOptions {
  /** "flat" (default): <pid>.cfg.json at the top. "package": an installable FileVault package. */
  layout?: "flat" | "package";
  /** File format inside the zip (default: cfg.json for "flat", xml — sling:OsgiConfig nodes, as AEM writes them — for "package"). */
  format?: "cfg.json" | "xml";
  /** App folder of the package layout: jcr_root/apps/<appName>/config (default "herald"). */
  appName?: string;
  /** Package version for META-INF/vault/properties.xml (default "1.0.0"). */
  version?: string;
  /** Modification time of the zip entries (default now); fix it for reproducible archives. */
  mtime?: Date;
}

function xmlText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A zip of the services' configuration files; see ExportZipOptions for the layouts. */
export function exportAllZip(entries: readonly ExportEntry[], options: ExportZipOptions = {}): Uint8Array {
  const layout = options.layout ?? "flat";
  const format = options.format ?? (layout === "package" ? "xml" : "cfg.json");
  const app = options.appName ?? "herald";
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(app)) {
    throw new Error(`"${app}" cannot be used as an app folder name (letters, digits, "-" and "_").`);
  }
  const version = options.version ?? "1.0.0";
  const mtime = options.mtime ?? new Date();
  const enc = new TextEncoder();
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const folder = layout === "package" ? `jcr_root/apps/${app}/config/` : "";
  const seen = new Set<string>();
  for (const { def, values } of entries) {
    if (seen.has(def.pid)) throw new Error(`${def.pid} is listed twice.`);
    seen.add(def.pid);
    const text = format === "xml" ? exportOsgiConfigXml(def, values) : exportCfgJson(def, values);
    files[`${folder}${def.pid}.${format}`] = [enc.encode(text), { mtime }];
  }
  if (layout === "package") {
    // One filter root per configuration, not the whole config folder: FileVault's default mode
    // ("replace") removes everything under a root that the package does not contain, so a root of
    // /apps/<app>/config would delete the app's other OSGi configurations on install.
    const roots = entries.map(({ def }) => `    <filter root="/apps/${app}/config/${xmlText(def.pid)}"/>\n`).join("");
    files["META-INF/vault/filter.xml"] = [
      enc.encode('<?xml version="1.0" encoding="UTF-8"?>\n<workspaceFilter version="1.0">\n' + roots + "</workspaceFilter>\n"),
      { mtime },
    ];
    files["META-INF/vault/properties.xml"] = [
      enc.encode(
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
          '<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">\n<properties>\n' +
          "    <entry key=\"group\">herald</entry>\n" +
          `    <entry key="name">${xmlText(app)}-mail-config</entry>\n` +
          `    <entry key="version">${xmlText(version)}</entry>\n` +
          "    <entry key=\"description\">Mail configuration exported by Herald. Secrets are $[secret:…] placeholders.</entry>\n" +
          "</properties>\n",
      ),
      { mtime },
    ];
    // The folders' own nodes, as AEM project archetypes write them: the app and its config folder
    // are sling:Folder nodes (outside the filter, so FileVault only uses them to create missing ancestors).
    const folderNode = enc.encode(
      '<?xml version="1.0" encoding="UTF-8"?>\n<jcr:root xmlns:sling="http://sling.apache.org/jcr/sling/1.0" xmlns:jcr="http://www.jcp.org/jcr/1.0"\n    jcr:primaryType="sling:Folder"/>\n',
    );
    files[`jcr_root/apps/${app}/.content.xml`] = [folderNode, { mtime }];
    files[`jcr_root/apps/${app}/config/.content.xml`] = [folderNode, { mtime }];
  }
  return zipSync(files, { level: 6 });
}
