import "server-only";
// Interactive Prisma transactions that must see a consistent database: "is there already an
// admin?", "is this the last admin?", "which version number is next?". SQLite runs every write
// transaction alone, so these checks are safe there; PostgreSQL's default (READ COMMITTED) would
// let two instances pass the same check at once. SERIALIZABLE makes PostgreSQL refuse one of them
// (a serialization failure), and the loser is re-run here and then sees the winner's rows.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./client";
import { currentEngine } from "./sql";

const RETRYABLE_PRISMA = new Set(["P2034", "P2002"]);

function retryable(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string; kind?: string; originalCode?: string } };
  if (err?.code && RETRYABLE_PRISMA.has(err.code)) return true;
  if (err?.cause?.code === "40001" || err?.cause?.code === "40P01") return true;
  // A conflict found by a statement inside the transaction (not at COMMIT) reaches us as the PG
  // adapter's DriverAdapterError: message "TransactionWriteConflict", cause { kind, originalCode }.
  if (err?.cause?.kind === "TransactionWriteConflict" || err?.cause?.originalCode === "40001" || err?.cause?.originalCode === "40P01") return true;
  return /could not serialize access|deadlock detected|40001|40P01/.test(err?.message ?? "");
}

// SQLite: Prisma's adapter opens a deferred transaction, so the read at its start takes a
// snapshot; when another connection (the worker, another process) commits before this
// transaction's first write, SQLite refuses the upgrade at once (SQLITE_BUSY_SNAPSHOT, which the
// busy timeout does not cover). Prisma reports every SQLITE_BUSY as P1008. The transaction was
// rolled back whole, so re-running it is safe, and it then reads the other writer's rows.
function sqliteBusy(e: unknown): boolean {
  const err = e as { code?: string; cause?: { kind?: string } };
  return (err?.code === "P1008" || err?.cause?.kind === "SocketTimeout") && currentEngine() === "sqlite";
}

/** Runs fn in a SERIALIZABLE transaction, re-running it (up to 5 times) when it lost a race (or, on SQLite, its snapshot went stale). */
export async function consistentTx<T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db().$transaction(fn, { isolationLevel: "Serializable", maxWait: 10_000, timeout: 15_000 });
    } catch (e) {
      if (attempt >= 4 || !(retryable(e) || sqliteBusy(e))) throw e;
      await new Promise((r) => setTimeout(r, (5 + attempt * 20) * (0.5 + Math.random())));
    }
  }
}
