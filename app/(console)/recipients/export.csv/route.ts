// GET /recipients/export.csv[?bom=1] — the recipient directory as CSV, for signed-in admins (console download);
// bom=1 starts it with a UTF-8 byte order mark, without which Excel reads the file as the local code page (田中, 김민준 garbled)
import { requireRole } from "@/lib/auth/session";
import { errorBody } from "@/lib/errors";
import { UTF8_BOM, csvHeader, csvRow } from "@/lib/recipients/csv";
import { allRecipients } from "@/lib/recipients/store";

export async function GET(req: Request) {
  try {
    await requireRole("admin");
  } catch (e) {
    const { status, body } = errorBody(e);
    return Response.json(body, { status });
  }
  const bom = new URL(req.url).searchParams.get("bom") === "1";
  let text = (bom ? UTF8_BOM : "") + csvHeader();
  for await (const r of allRecipients()) text += csvRow(r);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(text, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="herald-recipients-${stamp}${bom ? "-excel" : ""}.csv"`, "cache-control": "no-store" },
  });
}
