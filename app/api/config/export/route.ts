// GET /api/config/export?pid=<pid>[&format=cfg.json|xml] | ?all=1[&layout=flat|package][&format=…][&app=<name>]
// — a service's .cfg.json or sling:OsgiConfig .xml, or all of them as a zip or an AEM content package (admins; secrets as $[secret:…] placeholders)
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { buildExport } from "@/lib/config/export-files";

export const GET = apiRoute({ auth: "session", role: "admin" }, async ({ req }) => {
  const url = new URL(req.url);
  const p = (k: string) => url.searchParams.get(k);
  if (!p("all") && !p("pid")) throw new AppError("validation", "Name a service (pid=…) or ask for all of them (all=1).", { pid: ["Required unless all=1."] });
  const file = await buildExport({ pid: p("all") ? null : p("pid"), format: p("format"), layout: p("layout"), app: p("app") });
  return new Response(typeof file.body === "string" ? file.body : Buffer.from(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
});
