import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageRole } from "@/lib/auth/session";
import { listRecipients } from "@/lib/recipients/store";
import { clampPage, cleanText } from "@/lib/http/list-params";
import { formatSubscriptions } from "@/lib/recipients/schema";
import { Badge, PageHeader } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { ImportRecipientsForm } from "@/components/recipients/import-form";
import { importRecipientsAction } from "./actions";
import { displayName } from "@/lib/recipients/display-name";

export async function generateMetadata() {
  return { title: (await getTranslations("recipients"))("metaTitle") };
}

const PAGE_SIZE = 25;

// The recipient directory (AEM's user profiles) with their page and forum subscriptions.
export default async function RecipientsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> }) {
  await requirePageRole("admin");
  const t = await getTranslations("recipients");
  const sp = await searchParams;
  const q = cleanText(sp.q);
  const page = clampPage(sp.page);
  const { rows, total } = await listRecipients({ q, page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <div className="flex gap-2">
            <a
              href="/recipients/export.csv?bom=1"
              className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
              download
              title={t("exportExcelTitle")}
            >
              {t("exportExcel")}
            </a>
            <a href="/recipients/export.csv" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800" download>
              {t("export")}
            </a>
            <Link href="/recipients/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
              {t("add")}
            </Link>
          </div>
        }
      />
      <form role="search" className="flex max-w-xl gap-2">
        <label htmlFor="q" className="sr-only">{t("searchLabel")}</label>
        <Input id="q" name="q" defaultValue={q ?? ""} placeholder={t("searchPlaceholder")} />
        <Button type="submit" variant="secondary">{t("search")}</Button>
      </form>
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800">
        <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800">
          <thead className="bg-slate-100 text-left dark:bg-slate-900">
            <tr>
              <th className="px-3 py-2 font-medium">{t("colName")}</th>
              <th className="px-3 py-2 font-medium">{t("colEmail")}</th>
              <th className="px-3 py-2 font-medium">{t("colLanguage")}</th>
              <th className="px-3 py-2 font-medium">{t("colSubscriptions")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950">
            {rows.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-3 py-6 text-center text-slate-500 dark:text-slate-400">
                  {q ? t("noMatch", { q }) : t("none")}
                </td>
              </tr>
            ) : null}
            {rows.map((r) => (
              <tr key={r.id} data-testid="recipient-row">
                <td className="px-3 py-2">
                  <Link className="font-medium text-brand-600 underline dark:text-brand-100" href={`/recipients/${encodeURIComponent(r.id)}`}>
                    {displayName(r.name, r.familyName, r.language)}
                  </Link>
                  <span className="block text-xs text-slate-500 dark:text-slate-400">{r.id}</span>
                </td>
                <td className="px-3 py-2">{r.email}</td>
                <td className="px-3 py-2"><Badge>{r.language}</Badge></td>
                <td translate="no" className="px-3 py-2 font-mono text-xs">{formatSubscriptions(r.subscriptions) || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-400">
        {t("paging", { page, pages, total })}
        {page > 1 ? <Link className="underline" href={href(page - 1)}>{t("previous")}</Link> : null}
        {page < pages ? <Link className="underline" href={href(page + 1)}>{t("next")}</Link> : null}
      </p>
      <ImportRecipientsForm importCsv={importRecipientsAction} />
    </div>
  );
}
