// GET /api/v1/recipients.csv[?bom=1] — the whole recipient directory as CSV (bom=1: with a UTF-8 byte order mark, for Excel)
// POST /api/v1/recipients.csv — import recipients from CSV (text/csv); answers a per-row report
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { UTF8_BOM, csvHeader, csvRow } from "@/lib/recipients/csv";
import { allRecipients } from "@/lib/recipients/store";
import { importRecipientsCsv } from "@/lib/recipients/import";

export const GET = apiRoute({ scope: "recipients" }, async ({ req }) => {
  let text = (new URL(req.url).searchParams.get("bom") === "1" ? UTF8_BOM : "") + csvHeader();
  for await (const r of allRecipients()) text += csvRow(r);
  return { status: 200, text, headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="recipients.csv"' } };
});

export const POST = apiRoute({ scope: "recipients", rawBody: true }, async ({ req, body, key }) => {
  const dryRun = new URL(req.url).searchParams.get("dryRun") === "true";
  const report = await importRecipientsCsv(String(body), { dryRun, actor: `api:${key.name}` });
  if (report.fileErrors.length) throw new AppError("validation", report.fileErrors.join(" "), { _body: report.fileErrors });
  return { status: 200, body: report };
});
