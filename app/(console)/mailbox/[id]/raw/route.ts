// GET /mailbox/{id}/raw — the source of a captured mail (.eml), for signed-in admins
import { requireRole } from "@/lib/auth/session";
import { errorBody } from "@/lib/errors";
import { mailboxRaw } from "@/lib/mailbox/store";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    await requireRole("admin");
  } catch (e) {
    const { status, body } = errorBody(e);
    return Response.json(body, { status });
  }
  const id = Number((await params).id);
  const raw = Number.isInteger(id) ? await mailboxRaw(id) : null;
  if (!raw) return Response.json({ error: { code: "not_found", message: "No such mail." } }, { status: 404 });
  return new Response(new Uint8Array(raw), {
    headers: { "content-type": "message/rfc822", "content-disposition": `attachment; filename="mail-${id}.eml"`, "cache-control": "no-store", "x-content-type-options": "nosniff" },
  });
}
