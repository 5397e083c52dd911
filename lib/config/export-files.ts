import "server-only";
// The configuration export as files to hand out (console download, CLI): one service as
// <pid>.cfg.json or sling:OsgiConfig <pid>.xml, or every configured service in a zip — flat, or a
// content package that AEM's Package Manager installs. Secrets leave only as $[secret:…] placeholders.
import { exportAllZip, exportCfgJson, exportOsgiConfigXml } from "@/lib/config/import-export";
import { getService, SERVICES } from "@/lib/config/services";
import { latestVersion, storedValues } from "@/lib/config/store";
import { AppError } from "@/lib/errors";

export interface ExportRequest {
  /** One service; without it, every service in a zip. */
  pid?: string | null;
  /** "cfg.json" or "xml" (sling:OsgiConfig). Default: cfg.json, or xml in a package. */
  format?: string | null;
  /** For all services: "flat" (default) or "package" (an installable content package). */
  layout?: string | null;
  /** Package layout: the app folder, jcr_root/apps/<app>/config (default "herald"). */
  app?: string | null;
}

export interface ExportFile {
  filename: string;
  /** How many services the file holds. */
  services: number;
  contentType: string;
  body: Uint8Array | string;
}

const FORMATS = ["cfg.json", "xml"] as const;
const LAYOUTS = ["flat", "package"] as const;
type Format = (typeof FORMATS)[number];

function pick<T extends string>(field: string, value: string | null | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new AppError("validation", `${field} must be one of ${allowed.join(", ")} (got "${value}").`, {
    [field]: [`Must be one of ${allowed.join(", ")}.`],
  });
}

/** Builds the export file a request asks for; bad parameters are AppErrors naming the parameter. */
export async function buildExport(req: ExportRequest): Promise<ExportFile> {
  const format = pick<Format>("format", req.format, FORMATS);
  if (req.pid) {
    if (req.layout || req.app) {
      throw new AppError("validation", "layout and app apply to an export of all services, not to one service.", {
        layout: ["Only with all services."],
      });
    }
    const def = getService(req.pid);
    if (!def) throw new AppError("not_found", `"${req.pid}" is not a service Herald knows.`, { pid: ["Unknown service."] });
    const values = await storedValues(def.pid);
    return format === "xml"
      ? { filename: `${def.pid}.xml`, services: 1, contentType: "application/xml; charset=utf-8", body: exportOsgiConfigXml(def, values) }
      : { filename: `${def.pid}.cfg.json`, services: 1, contentType: "application/json; charset=utf-8", body: exportCfgJson(def, values) };
  }
  const layout = pick("layout", req.layout, LAYOUTS) ?? "flat";
  if (req.app && layout !== "package") {
    throw new AppError("validation", "app applies to the package layout only (layout=package).", { app: ["Only with layout=package."] });
  }
  const app = req.app || "herald";
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(app)) {
    throw new AppError("validation", `app: "${app}" cannot be used as an app folder name (letters, digits, "-" and "_").`, {
      app: ['Letters, digits, "-" and "_" only.'],
    });
  }
  // Only the services that have a configuration, as in AEM, where a service never configured has
  // no node and runs on its metatype defaults. Writing those defaults would also make the file
  // unimportable: the Mail Service's defaults (no host, no sender) are not a valid configuration.
  const entries = (
    await Promise.all(
      SERVICES.map(async (def) => {
        const latest = await latestVersion(def.pid);
        return latest ? { def, values: latest.values } : null;
      }),
    )
  ).filter((e): e is NonNullable<typeof e> => e !== null);
  if (entries.length === 0) {
    throw new AppError("conflict", "No service has been configured yet, so there is nothing to export: each service runs on its defaults.");
  }
  const body = exportAllZip(entries, { layout, format, appName: app });
  const filename = layout === "package" ? `${app}-mail-config.zip` : "herald-config.zip";
  return { filename, services: entries.length, contentType: "application/zip", body };
}
