import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/card";
import { RecipientForm } from "@/components/recipients/recipient-form";
import { createRecipientAction } from "../actions";
import { languageOptions } from "../languages";

export async function generateMetadata() {
  return { title: (await getTranslations("recipients"))("add") };
}

export default async function NewRecipientPage() {
  await requirePageRole("admin");
  const t = await getTranslations("recipients");
  return (
    <div>
      <PageHeader title={t("add")} actions={<Link className="text-sm underline" href="/recipients">{t("back")}</Link>} />
      <RecipientForm
        mode="create"
        initial={{ id: "", email: "", name: "", familyName: "", language: "en", subscriptions: [{ kind: "page", path: "", eventTypes: [] }] }}
        save={createRecipientAction}
        languages={languageOptions()}
      />
    </div>
  );
}
