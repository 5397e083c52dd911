import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/card";
import { ImportForm } from "@/components/config/import-form";
import { previewImportAction, applyImportAction } from "../actions";

export async function generateMetadata() {
  return { title: (await getTranslations("configImport"))("title") };
}

export default async function ImportPage() {
  await requirePageRole("admin");
  const [t, tc] = await Promise.all([getTranslations("configImport"), getTranslations("configuration")]);
  return (
    <div>
      <nav aria-label={tc("breadcrumb")} className="mb-2 text-sm text-slate-500 dark:text-slate-400">
        <Link href="/configuration" className="underline">{tc("title")}</Link> / {t("crumb")}
      </nav>
      <PageHeader
        title={t("title")}
        description={t.rich("description", { c: (chunks) => <code>{chunks}</code> })}
      />
      <ImportForm preview={previewImportAction} apply={applyImportAction} />
    </div>
  );
}
