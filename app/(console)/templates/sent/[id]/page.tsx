import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { getMailboxMessage } from "@/lib/mailbox/store";
import { sentPreviewFor } from "@/lib/mailbox/previews";
import { PREVIEW_EDITOR_HEADER } from "@/lib/templates-store/preview";
import { PageHeader } from "@/components/ui/card";
import { MailView } from "@/components/mailbox/mail-view";

export async function generateMetadata() {
  const t = await getTranslations("templates");
  return { title: t("sentMetaTitle") };
}

// One preview the signed-in user sent to themselves with "Send preview to me", as the built-in
// mailbox captured it. Authors may open their own previews only (the Mailbox page stays
// admin-only); anything else is "not found", so ids of other mail reveal nothing.
export default async function SentPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageRole();
  const raw = (await params).id;
  const id = /^\d{1,12}$/.test(raw) ? Number(raw) : 0;
  if (!id) notFound();
  const mail = (await sentPreviewFor(me.email, id)) ?? (me.role === "admin" ? await getMailboxMessage(id) : null);
  if (!mail) notFound();
  const t = await getTranslations("templates");
  const fromTextEditor = mail.headers.some(([k, v]) => k === PREVIEW_EDITOR_HEADER.toLowerCase() && v === "text");
  return (
    <div>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        <Link href="/templates" className="underline">
          {t("title")}
        </Link>{" "}
        / {t("sentTitle", { id: String(id) })}
      </nav>
      <PageHeader title={t("sentTitle", { id: String(id) })} description={t("sentDescription")} />
      <MailView mail={mail} rawHref={me.role === "admin" ? `/mailbox/${id}/raw` : null} initialPart={fromTextEditor ? "text" : undefined} />
    </div>
  );
}
