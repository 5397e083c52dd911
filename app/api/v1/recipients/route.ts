// GET /api/v1/recipients — list the recipient directory (search, language, paging)
// POST /api/v1/recipients — add a recipient with their subscriptions
import { apiRoute } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { recipientSchema } from "@/lib/recipients/schema";
import { createRecipient, listRecipients } from "@/lib/recipients/store";
import { recordAudit } from "@/lib/db/audit";

export const GET = apiRoute({ scope: "recipients" }, async ({ req }) => {
  const sp = new URL(req.url).searchParams;
  const num = (name: string, def: number) => {
    const v = sp.get(name);
    if (v === null) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new AppError("validation", `${name} must be a whole number of at least 1.`, { [name]: ["must be a whole number ≥ 1"] });
    return n;
  };
  const r = await listRecipients({ q: sp.get("q") ?? undefined, language: sp.get("language") ?? undefined, page: num("page", 1), pageSize: Math.min(num("pageSize", 50), 500) });
  return { status: 200, body: { recipients: r.rows, total: r.total, page: r.page, pageSize: r.pageSize } };
});

export const POST = apiRoute({ scope: "recipients", body: recipientSchema }, async ({ body, key }) => {
  const r = await createRecipient(body);
  await recordAudit("recipient.create", `api:${key.name}`, r.id);
  return { status: 201, body: r, headers: { location: `/api/v1/recipients/${encodeURIComponent(r.id)}` } };
});
