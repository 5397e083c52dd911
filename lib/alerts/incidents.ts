import "server-only";
// Incident rows: open, keep current, resolve — safe with any number of evaluating processes.
//   open:    INSERT … ON CONFLICT ("openKey") DO NOTHING — the unique index on openKey (the
//            condition while open, NULL once resolved) lets exactly one insert win;
//   resolve: only after the condition stayed clear for the quiet period (clearSince), so a
//            flapping condition is one incident, not a storm; the UPDATE that clears openKey
//            succeeds once;
//   notices: a process takes the row's lease (UPDATE … WHERE the lease is free) before sending,
//            and records each notice as sent; a crash mid-send lets another process take over
//            when the lease runs out.
import { dbTime, read, toDate, writeTx, type SqlTx } from "@/lib/db/sql";
import { CONDITIONS, CONDITION_TITLES, type AlertText, type Condition, type Finding, type IncidentView } from "./types";

// The summary's parts ride in the stored detail under this name and are taken out of it again
// when read, so notices and webhooks see the detail as before.
const TEXT_FIELD = "_summaryText";
const storedDetail = (f: Finding) => JSON.stringify(f.text ? { ...f.detail, [TEXT_FIELD]: f.text } : f.detail);

const COLUMNS = `"id", "condition", "summary", "detail", "link", "openedAt", "lastSeenAt", "resolvedAt", "openNotifiedAt", "resolveNotifiedAt"`;

interface Row {
  id: number | string;
  condition: string;
  summary: string;
  detail: string;
  link: string;
  openedAt: string | Date;
  lastSeenAt: string | Date;
  resolvedAt: string | Date | null;
  openNotifiedAt: string | Date | null;
  resolveNotifiedAt: string | Date | null;
  clearSince?: string | Date | null;
}

export function toView(r: Row): IncidentView {
  const condition = r.condition as Condition;
  let detail: Record<string, unknown> = {};
  try {
    detail = JSON.parse(r.detail) as Record<string, unknown>;
  } catch {
    /* an unreadable detail is shown as none */
  }
  const text = Array.isArray(detail[TEXT_FIELD]) ? (detail[TEXT_FIELD] as AlertText[]) : undefined;
  delete detail[TEXT_FIELD];
  return {
    id: Number(r.id),
    condition,
    title: CONDITION_TITLES[condition] ?? r.condition,
    summary: r.summary,
    ...(text ? { text } : {}),
    detail,
    link: r.link,
    openedAt: toDate(r.openedAt)!.toISOString(),
    lastSeenAt: toDate(r.lastSeenAt)!.toISOString(),
    resolvedAt: toDate(r.resolvedAt)?.toISOString() ?? null,
  };
}

export interface ReconcileResult {
  opened: Condition[];
  resolved: Condition[];
}

/**
 * Brings the incident rows in line with what was found now: a finding opens its condition's
 * incident (or keeps it current); a condition not found is resolved once clear for quietMs.
 * `checked` lists the conditions this evaluation looked at (a condition switched off is not
 * found, so its open incident resolves too).
 */
export async function reconcile(findings: Finding[], now: Date, quietMs: number): Promise<ReconcileResult> {
  const result: ReconcileResult = { opened: [], resolved: [] };
  const t = dbTime(now);
  // A read first (no write lock): on a healthy installation nothing is open and nothing found,
  // and the evaluation writes nothing at all.
  const openNow = new Set(
    (await read((db) => db.all<{ condition: string }>(`SELECT "condition" FROM "AlertIncident" WHERE "openKey" IS NOT NULL`))).map((r) => r.condition),
  );
  for (const condition of CONDITIONS) {
    const f = findings.find((x) => x.condition === condition);
    if (!f && !openNow.has(condition)) continue;
    const change = await writeTx(async (db): Promise<"opened" | "resolved" | null> => {
      const open = await db.get<Row>(`SELECT "id", "clearSince" FROM "AlertIncident" WHERE "openKey" = ?`, [condition]);
      if (f) {
        if (!open) {
          const n = await db.run(
            `INSERT INTO "AlertIncident" ("condition", "openKey", "summary", "detail", "link", "openedAt", "lastSeenAt")
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("openKey") DO NOTHING`,
            [condition, condition, f.summary, storedDetail(f), f.link, t, t],
          );
          return n === 1 ? "opened" : null;
        } else {
          await db.run(
            `UPDATE "AlertIncident" SET "summary" = ?, "detail" = ?, "link" = ?, "lastSeenAt" = ?, "clearSince" = NULL WHERE "id" = ? AND "openKey" IS NOT NULL`,
            [f.summary, storedDetail(f), f.link, t, open.id],
          );
        }
        return null;
      }
      if (!open) return null;
      const clearSince = toDate(open.clearSince) ?? now;
      if (now.getTime() - clearSince.getTime() >= quietMs) {
        const n = await db.run(`UPDATE "AlertIncident" SET "openKey" = NULL, "resolvedAt" = ?, "clearSince" = ? WHERE "id" = ? AND "openKey" IS NOT NULL`, [
          t,
          dbTime(clearSince),
          open.id,
        ]);
        return n === 1 ? "resolved" : null;
      }
      if (!open.clearSince) await db.run(`UPDATE "AlertIncident" SET "clearSince" = ? WHERE "id" = ? AND "clearSince" IS NULL`, [t, open.id]);
      return null;
    });
    if (change === "opened") result.opened.push(condition);
    if (change === "resolved") result.resolved.push(condition);
  }
  return result;
}

/** Open incidents, oldest first (the console banner). */
export async function openIncidents(): Promise<IncidentView[]> {
  const rows = await read((db) => db.all<Row>(`SELECT ${COLUMNS} FROM "AlertIncident" WHERE "openKey" IS NOT NULL ORDER BY "openedAt"`));
  return rows.map(toView);
}

/** The newest incidents, open or resolved (tests, the CLI). */
export async function recentIncidents(limit = 50): Promise<IncidentView[]> {
  const rows = await read((db) => db.all<Row>(`SELECT ${COLUMNS} FROM "AlertIncident" ORDER BY "id" DESC LIMIT ?`, [limit]));
  return rows.map(toView);
}

export interface PendingNotice {
  incident: IncidentView;
  /** The opened notice is still to be sent. */
  open: boolean;
  /** The resolved notice is still to be sent (after the opened one). */
  resolve: boolean;
  /**
   * The opened notice was recorded as sent but reached no channel (none was configured then).
   * Its resolved notice is recorded without being sent: a receiver added later would otherwise
   * hear "resolved" about an incident it was never told of.
   */
  openedUnheard: boolean;
}

/** Whether a recorded notice's deliveries reached no webhook and no mailbox. */
export function reachedNobody(deliveries: { webhooks?: unknown[]; email?: unknown } | null | undefined): boolean {
  return !!deliveries && (deliveries.webhooks?.length ?? 0) === 0 && !deliveries.email;
}

function parseDeliveries(text: string | null | undefined): { webhooks?: unknown[]; email?: unknown } | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as { webhooks?: unknown[]; email?: unknown };
  } catch {
    return null;
  }
}

/** Takes the lease of incidents with a notice to send; each is then this process's to send. */
export async function claimNotices(owner: string, leaseMs: number, now = new Date(), limit = 20): Promise<PendingNotice[]> {
  const t = dbTime(now);
  const pending = `("openNotifiedAt" IS NULL OR ("resolvedAt" IS NOT NULL AND "resolveNotifiedAt" IS NULL))`;
  const any = await read((db) => db.get(`SELECT "id" FROM "AlertIncident" WHERE ${pending} LIMIT 1`));
  if (!any) return [];
  return writeTx(async (db: SqlTx) => {
    const candidates = await db.all<{ id: number | string }>(
      `SELECT "id" FROM "AlertIncident"
        WHERE ${pending}
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ?)
        ORDER BY "id" LIMIT ?`,
      [t, limit],
    );
    const out: PendingNotice[] = [];
    for (const c of candidates) {
      const n = await db.run(`UPDATE "AlertIncident" SET "leaseOwner" = ?, "leaseUntil" = ? WHERE "id" = ? AND ("leaseUntil" IS NULL OR "leaseUntil" < ?)`, [
        owner,
        dbTime(now.getTime() + leaseMs),
        c.id,
        t,
      ]);
      if (n !== 1) continue;
      const r = await db.get<Row & { deliveries: string | null }>(`SELECT ${COLUMNS}, "deliveries" FROM "AlertIncident" WHERE "id" = ?`, [c.id]);
      if (!r) continue;
      const open = r.openNotifiedAt === null;
      out.push({
        incident: toView(r),
        open,
        resolve: r.resolvedAt !== null && r.resolveNotifiedAt === null,
        // Until the resolved notice is recorded, "deliveries" holds the opened notice's.
        openedUnheard: !open && reachedNobody(parseDeliveries(r.deliveries)),
      });
    }
    return out;
  });
}

/** Records a notice as sent (with what each channel answered) and, when done, frees the lease. */
export async function markNotified(owner: string, id: number, event: "opened" | "resolved", deliveries: unknown, release: boolean, now = new Date()) {
  const column = event === "opened" ? "openNotifiedAt" : "resolveNotifiedAt";
  await writeTx((db) =>
    db.run(
      `UPDATE "AlertIncident" SET "${column}" = ?, "deliveries" = ?${release ? `, "leaseOwner" = NULL, "leaseUntil" = NULL` : ""} WHERE "id" = ? AND "leaseOwner" = ?`,
      [dbTime(now), JSON.stringify(deliveries), id, owner],
    ),
  );
}

export async function releaseNotice(owner: string, id: number) {
  await writeTx((db) => db.run(`UPDATE "AlertIncident" SET "leaseOwner" = NULL, "leaseUntil" = NULL WHERE "id" = ? AND "leaseOwner" = ?`, [id, owner]));
}
