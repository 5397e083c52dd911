import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageRole } from "@/lib/auth/session";
import { getRecipient } from "@/lib/recipients/store";
import { Alert, PageHeader } from "@/components/ui/card";
import { RecipientForm } from "@/components/recipients/recipient-form";
import { DeleteRecipientButton } from "@/components/recipients/delete-button";
import { deleteRecipientAction, updateRecipientAction } from "../actions";
import { languageOptions } from "../languages";
import { displayName } from "@/lib/recipients/display-name";

export const metadata = { title: "Recipient" };

export default async function RecipientPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  await requirePageRole("admin");
  const { id } = await params;
  const r = await getRecipient(decodeURIComponent(id));
  if (!r) notFound();
  const created = (await searchParams).created === "1";
  const save = updateRecipientAction.bind(null, r.id);
  return (
    <div className="space-y-4">
      <PageHeader
        title={displayName(r.name, r.familyName, r.language)}
        description={`${r.email} · ${r.id} · added ${r.createdAt.slice(0, 10)}`}
        actions={
          <div className="flex items-center gap-3">
            <Link className="text-sm underline" href={`/outbox?recipient=${encodeURIComponent(r.email)}`}>Their messages</Link>
            <Link className="text-sm underline" href="/recipients">Back to recipients</Link>
          </div>
        }
      />
      {created ? <Alert tone="success">Recipient created.</Alert> : null}
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
