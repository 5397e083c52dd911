"use client";
// CSV import with a per-row report of what was created, updated, unchanged or rejected (and why).
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import type { ImportReport } from "@/lib/recipients/import";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card } from "@/components/ui/card";

export function ImportRecipientsForm({ importCsv }: { importCsv: (form: FormData) => Promise<ActionResult<ImportReport>> }) {
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  return (
    <Card title="Import from CSV">
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          start(async () => {
            setError(null);
            setReport(null);
            const r = await importCsv(form);
            if (!r.ok) setError(r.message);
            else setReport(r.data);
          });
        }}
      >
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Columns (first line): <code className="break-all">id,email,name,familyName,language,subscriptions,plainTextOnly</code>. email and name are required; id defaults to the email. Subscriptions: <code className="break-all">page:/content/site[PageModified|PageActivated]; forum:/content/forum</code>. Existing ids are updated.
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm">
            <span className="sr-only">CSV file</span>
            <input type="file" name="file" accept=".csv,text/csv" aria-label="CSV file" className="text-sm" required />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="dryRun" /> Dry run (report only)
          </label>
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Importing…" : "Import"}
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
          <Alert tone={report.counts.rejected ? "warning" : "success"} title={report.dryRun ? "Dry run: nothing was changed" : "Import finished"}>
            {report.counts.created} created, {report.counts.updated} updated, {report.counts.unchanged} unchanged, {report.counts.rejected} rejected.
            {report.ignoredColumns.length ? ` Ignored columns: ${report.ignoredColumns.join(", ")}.` : ""}
          </Alert>
          <div className="max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800">
            <table className="min-w-full text-sm">
              <thead className="bg-slate-100 text-left dark:bg-slate-900">
                <tr>
                  <th className="px-2 py-1 font-medium">Line</th>
                  <th className="px-2 py-1 font-medium">Recipient</th>
                  <th className="px-2 py-1 font-medium">Result</th>
                  <th className="px-2 py-1 font-medium">Why</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={r.line} className="border-t border-slate-100 dark:border-slate-800" data-testid="import-row">
                    <td className="px-2 py-1">{r.line}</td>
                    <td className="px-2 py-1">{r.id ?? r.email ?? "—"}</td>
                    <td className="px-2 py-1">
                      <Badge tone={r.outcome === "rejected" ? "red" : r.outcome === "unchanged" ? "slate" : "green"}>{r.outcome}</Badge>
                    </td>
                    <td className="px-2 py-1">{r.errors.map((e) => `${e.field}: ${e.message}`).join("; ")}</td>
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
