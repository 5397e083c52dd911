"use client";
// CSV import with a per-row report of what was created, updated, unchanged or rejected (and why).
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useLocalizeError } from "@/lib/i18n/use-localize-error";
import type { ActionResult } from "@/lib/errors";
import type { ImportReport } from "@/lib/recipients/import";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";

export function ImportRecipientsForm({ importCsv }: { importCsv: (form: FormData) => Promise<ActionResult<ImportReport>> }) {
  const t = useTranslations("recipients");
  const tr = useLocalizeError();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  return (
    <Card title={t("importTitle")}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          start(async () => {
            setError(null);
            setReport(null);
            const r = await importCsv(form);
            if (!r.ok) setError(tr(r.message));
            else setReport(r.data);
          });
        }}
      >
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {t.rich("importHelp", {
            columns: "id,email,name,familyName,language,subscriptions,plainTextOnly",
            example: "page:/content/site[PageModified|PageActivated]; forum:/content/forum",
            code: (chunks) => <code className="break-all">{chunks}</code>,
          })}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm">
            <span className="sr-only">{t("csvFile")}</span>
            <input type="file" name="file" accept=".csv,text/csv" aria-label={t("csvFile")} className="text-sm" required />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="dryRun" /> {t("dryRun")}
          </label>
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? t("importing") : t("import")}
          </Button>
        </div>
      </form>
      {error ? (
        <div className="mt-3">
          <Alert tone="error">{error}</Alert>
        </div>
      ) : null}
      {report ? (
        <div className="mt-4 space-y-3" data-testid="import-report">
          <Alert tone={report.counts.rejected ? "warning" : "success"} title={report.dryRun ? t("dryRunTitle") : t("importDone")}>
            {t("importCounts", report.counts)}
            {report.ignoredColumns.length ? <> {t("ignoredColumns", { columns: report.ignoredColumns.join(", ") })}</> : null}
          </Alert>
          <div className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-100 text-left dark:bg-slate-900">
                <tr>
                  <th className="px-2 py-1 font-medium">{t("colLine")}</th>
                  <th className="px-2 py-1 font-medium">{t("colRecipient")}</th>
                  <th className="px-2 py-1 font-medium">{t("colResult")}</th>
                  <th className="px-2 py-1 font-medium">{t("colWhy")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.line} className="border-t border-slate-100 dark:border-slate-800" data-testid="import-row">
                    <td className="px-2 py-1">{r.line}</td>
                    <td className="px-2 py-1">{r.id ?? r.email ?? "—"}</td>
                    <td className="px-2 py-1">
                      <Badge tone={r.outcome === "rejected" ? "red" : r.outcome === "unchanged" ? "slate" : "green"}>{t("outcome", { outcome: r.outcome })}</Badge>
                    </td>
                    <td className="px-2 py-1">{r.errors.map((e) => t("rowError", { field: e.field, message: tr(e.message) })).join("; ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </Card>
  );
}
