// GET /recipients/export.csv — the recipient directory as CSV, for signed-in admins (console download)
import { requireRole } from "@/lib/auth/session";
import { errorBody } from "@/lib/errors";
import { csvHeader, csvRow } from "@/lib/recipients/csv";
import { allRecipients } from "@/lib/recipients/store";

export async function GET() {
  try {
    await requireRole("admin");
  } catch (e) {
    const { status, body } = errorBody(e);
    return Response.json(body, { status });
  }
  let text = csvHeader();
  for await (const r of allRecipients()) text += csvRow(r);
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(text, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="herald-recipients-${stamp}.csv"`, "cache-control": "no-store" },
  });
}
