import "server-only";
// Applies a parsed CSV: every valid row is created or updated (one transaction, a savepoint per
// row), every other row is reported with its reasons; a dry run reports without writing.
import { AppError } from "@/lib/errors";
import { writeTx, type SqlTx } from "@/lib/db/sql";
import { parseRecipientsCsv, type RowProblem } from "./csv";
import { upsertIn } from "./store";
import { auditInSql } from "@/lib/db/audit";

export interface ImportRowReport {
  line: number;
  id: string | null;
  email: string | null;
  outcome: "created" | "updated" | "unchanged" | "rejected";
  errors: RowProblem[];
}

export interface ImportReport {
  dryRun: boolean;
  fileErrors: string[];
  ignoredColumns: string[];
  counts: { created: number; updated: number; unchanged: number; rejected: number };
  rows: ImportRowReport[];
}

class DryRun extends Error {}

/**
 * Imports a CSV file. A real import writes its audit row (the counts) in its own transaction;
 * `source` names what was imported (the console's file name, the CLI's path; null for the API).
 */
export async function importRecipientsCsv(text: string, opts: { dryRun?: boolean; actor: string; source?: string | null }): Promise<ImportReport> {
  const file = parseRecipientsCsv(text);
  const empty = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  if (!file.ok) return { dryRun: !!opts.dryRun, fileErrors: file.fileErrors, ignoredColumns: [], counts: empty, rows: [] };
  const rows: ImportRowReport[] = [];
  const apply = async (tx: SqlTx) => {
    rows.length = 0; // writeTx may run this again
    for (const r of file.rows) {
      if (!r.ok) {
        rows.push({ line: r.line, id: r.id, email: r.email, outcome: "rejected", errors: r.errors });
        continue;
      }
      await tx.run("SAVEPOINT row");
      try {
        const outcome = await upsertIn(tx, r.data, "upsert");
        await tx.run("RELEASE row");
        rows.push({ line: r.line, id: r.data.id, email: r.data.email, outcome, errors: [] });
      } catch (e) {
        await tx.run("ROLLBACK TO row");
        await tx.run("RELEASE row");
        const errors = e instanceof AppError && e.fields
          ? Object.entries(e.fields).flatMap(([field, ms]) => ms.map((message) => ({ field, message })))
          : [{ field: "_row", message: e instanceof Error ? e.message : String(e) }];
        rows.push({ line: r.line, id: r.data.id, email: r.data.email, outcome: "rejected", errors });
      }
    }
    if (opts.dryRun) throw new DryRun();
    await auditInSql(tx, { action: "recipient.import", actor: opts.actor, target: opts.source ?? null, detail: countOutcomes(rows) });
  };
  try {
    await writeTx(apply, 30_000);
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  return { dryRun: !!opts.dryRun, fileErrors: [], ignoredColumns: file.ignoredColumns, counts: countOutcomes(rows), rows };
}

function countOutcomes(rows: ImportRowReport[]): ImportReport["counts"] {
  const counts = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
}
