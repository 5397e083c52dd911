import "server-only";
// Gauges for the Prometheus alert rules in deploy/prometheus/ — the same conditions Herald's own
// evaluator watches, as numbers a scraper can judge without Herald: read from the database at
// scrape time, so every instance reports the same values (use max(), not sum()).
import { Gauge, type Registry } from "prom-client";
import { read, toDate } from "@/lib/db/sql";
import { logger } from "@/lib/log";
import { CONDITIONS } from "./types";

const seconds = (v: unknown) => {
  const d = toDate(v);
  return d ? d.getTime() / 1000 : 0;
};

export function registerAlertMetrics(registers: Registry[]) {
  const warn = (e: unknown, what: string) => logger().warn({ err: e }, `metrics: cannot read ${what}`);

  new Gauge({
    name: "herald_alerts_open",
    help: "Open alert incidents per condition (1 open, 0 not), as Herald's own evaluator sees them.",
    labelNames: ["condition"] as const,
    registers,
    async collect() {
      try {
        const rows = await read((db) => db.all<{ condition: string }>(`SELECT "condition" FROM "AlertIncident" WHERE "openKey" IS NOT NULL`));
        for (const condition of CONDITIONS) this.set({ condition }, rows.some((r) => r.condition === condition) ? 1 : 0);
      } catch (e) {
        this.reset();
        warn(e, "open alert incidents");
      }
    },
  });

  new Gauge({
    name: "herald_outbox_oldest_waiting_timestamp_seconds",
    help: "When the oldest message not yet delivered (queued, failed and waiting for a retry, or being sent) was accepted, Unix time; 0 when none waits.",
    registers,
    async collect() {
      try {
        const r = await read((db) => db.get<{ t: unknown }>(`SELECT MIN("queuedAt") AS "t" FROM "OutboxMessage" WHERE "status" IN ('queued', 'failed', 'sending')`));
        this.set(seconds(r?.t));
      } catch (e) {
        this.reset();
        warn(e, "the oldest waiting message");
      }
    },
  });

  new Gauge({
    name: "herald_outbox_last_delivery_timestamp_seconds",
    help: "When the last message was delivered (accepted by the SMTP server), Unix time; 0 before the first.",
    registers,
    async collect() {
      try {
        const r = await read((db) => db.get<{ t: unknown }>(`SELECT MAX("sentAt") AS "t" FROM "OutboxMessage"`));
        this.set(seconds(r?.t));
      } catch (e) {
        this.reset();
        warn(e, "the last delivery");
      }
    },
  });

  const connection = async () =>
    read((db) =>
      db.get<{ status: string; providerKind: string; refreshToken: string | null; authorizedAt: unknown; refreshTokenIssuedAt: unknown; lastRefreshAt: unknown }>(
        `SELECT "status", "providerKind", "refreshToken", "authorizedAt", "refreshTokenIssuedAt", "lastRefreshAt" FROM "OAuthConnection" WHERE "id" = 'mail'`,
      ),
    );

  new Gauge({
    name: "herald_oauth_reauth_needed",
    help: "1 while the OAuth2 mail connection needs an admin to click Authorize again (the provider refused the refresh token), else 0.",
    registers,
    async collect() {
      try {
        this.set((await connection())?.status === "reauth_needed" ? 1 : 0);
      } catch (e) {
        this.reset();
        warn(e, "the OAuth2 connection");
      }
    },
  });

  new Gauge({
    name: "herald_oauth_refresh_token_timestamp_seconds",
    help:
      "The connected refresh token by provider (google, microsoft, custom): when it was issued (event=issued) and last used (event=used), Unix time. " +
      "Microsoft expires it after 90 days unused, Google after 6 months unused, or 7 days after issue for apps in Testing.",
    labelNames: ["provider", "event"] as const,
    registers,
    async collect() {
      this.reset();
      try {
        const c = await connection();
        if (!c || c.status !== "connected" || !c.refreshToken) return;
        const issued = seconds(c.refreshTokenIssuedAt ?? c.authorizedAt);
        this.set({ provider: c.providerKind, event: "issued" }, issued);
        this.set({ provider: c.providerKind, event: "used" }, Math.max(issued, seconds(c.lastRefreshAt)));
      } catch (e) {
        warn(e, "the OAuth2 connection");
      }
    },
  });
}
