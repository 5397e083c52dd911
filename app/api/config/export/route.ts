// GET /api/config/export?pid=<pid> | ?all=1 — a service's .cfg.json, or a zip of all (admins; secrets as $[secret:…] placeholders)
import { requireRole } from "@/lib/auth/session";
import { errorBody, AppError } from "@/lib/errors";
import { getService, SERVICES } from "@/lib/config/services";
import { exportCfgJson, exportAllZip } from "@/lib/config/import-export";
import { storedValues } from "@/lib/config/store";

export async function GET(req: Request) {
  try {
    await requireRole("admin");
    const url = new URL(req.url);
    if (url.searchParams.get("all")) {
      const entries = await Promise.all(SERVICES.map(async (def) => ({ def, values: await storedValues(def.pid) })));
      const zip = exportAllZip(entries, { layout: url.searchParams.get("layout") === "package" ? "package" : "flat" });
      return new Response(Buffer.from(zip), {
        headers: { "content-type": "application/zip", "content-disposition": 'attachment; filename="herald-config.zip"', "cache-control": "no-store" },
      });
    }
    const pid = url.searchParams.get("pid") ?? "";
    const def = getService(pid);
    if (!def) throw new AppError("not_found", `"${pid}" is not a service Herald knows.`);
    return new Response(exportCfgJson(def, await storedValues(pid)), {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${pid}.cfg.json"`, "cache-control": "no-store" },
    });
  } catch (e) {
    const { status, body } = errorBody(e);
    return Response.json(body, { status });
  }
}
