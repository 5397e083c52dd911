import Link from "next/link";
import { requirePageRole } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/card";
import { RecipientForm } from "@/components/recipients/recipient-form";
import { createRecipientAction } from "../actions";
import { languageOptions } from "../languages";

export const metadata = { title: "Add recipient" };

export default async function NewRecipientPage() {
  await requirePageRole("admin");
  return (
    <div>
      <PageHeader title="Add recipient" actions={<Link className="text-sm underline" href="/recipients">Back to recipients</Link>} />
      <RecipientForm
        mode="create"
        initial={{ id: "", email: "", name: "", familyName: "", language: "en", subscriptions: [{ kind: "page", path: "", eventTypes: [] }] }}
        save={createRecipientAction}
        languages={languageOptions()}
      />
    </div>
  );
}
