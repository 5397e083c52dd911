import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { getRecipient } from "@/lib/recipients/store";
import { Alert, PageHeader } from "@/components/ui/card";
import { RecipientForm } from "@/components/recipients/recipient-form";
import { DeleteRecipientButton } from "@/components/recipients/delete-button";
import { deleteRecipientAction, updateRecipientAction } from "../actions";
import { languageOptions } from "../languages";
import { displayName } from "@/lib/recipients/display-name";

export async function generateMetadata() {
  return { title: (await getTranslations("recipients"))("oneMetaTitle") };
}

export default async function RecipientPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  const r = await getRecipient(decodeURIComponent(id));
  if (!r) notFound();
  const created = (await searchParams).created === "1";
  const [t, format] = await Promise.all([getTranslations("recipients"), getFormatter()]);
  const save = updateRecipientAction.bind(null, r.id);
  return (
    <div className="space-y-4">
      <PageHeader
        title={displayName(r.name, r.familyName, r.language)}
        description={t("detailDescription", { email: r.email, id: r.id, date: format.dateTime(new Date(r.createdAt), { dateStyle: "medium" }) })}
        actions={
          <div className="flex items-center gap-3">
            <Link className="text-sm underline" href={`/outbox?recipient=${encodeURIComponent(r.email)}`}>{t("theirMessages")}</Link>
            <Link className="text-sm underline" href="/recipients">{t("back")}</Link>
          </div>
        }
      />
      {created ? <Alert tone="success">{t("created")}</Alert> : null}
      <RecipientForm
        mode="edit"
        initial={{ id: r.id, email: r.email, name: r.name, familyName: r.familyName, language: r.language, plainTextOnly: r.plainTextOnly, subscriptions: r.subscriptions.map((s) => (s.kind === "page" ? { ...s } : { ...s, eventTypes: [] })) }}
        save={save}
        languages={languageOptions()}
      />
      <DeleteRecipientButton id={r.id} remove={deleteRecipientAction} />
    </div>
  );
}
