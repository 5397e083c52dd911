// GET /api/v1/recipients — list the recipient directory (search, language, paging)
// POST /api/v1/recipients — add a recipient with their subscriptions
import { apiRoute } from "@/lib/api/handler";
import { MAX_PAGE, apiIntParam, apiTextParam } from "@/lib/http/list-params";
import { recipientSchema } from "@/lib/recipients/schema";
import { createRecipient, listRecipients } from "@/lib/recipients/store";

export const GET = apiRoute({ scope: "recipients" }, async ({ req }) => {
  const sp = new URL(req.url).searchParams;
  const r = await listRecipients({
    q: apiTextParam(sp, "q"),
    language: apiTextParam(sp, "language", 20),
    page: apiIntParam(sp, "page", { min: 1, max: MAX_PAGE, default: 1 }),
    pageSize: apiIntParam(sp, "pageSize", { min: 1, max: 500, default: 50 }),
  });
  return { status: 200, body: { recipients: r.rows, total: r.total, page: r.page, pageSize: r.pageSize } };
});

export const POST = apiRoute({ scope: "recipients", body: recipientSchema }, async ({ body, key }) => {
  const r = await createRecipient(body, `api:${key.name}`);
  return { status: 201, body: r, headers: { location: `/api/v1/recipients/${encodeURIComponent(r.id)}` } };
});
