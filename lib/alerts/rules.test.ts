// The pure parts of alerts (payloads, provider limits) and the Prometheus side: the gauges the
// shipped rules read, from a real database, and every metric the rules name exists.
import fs from "node:fs";
import path from "node:path";
import { describe, it, expect, afterEach } from "vitest";
import { closeConnections } from "@/lib/testing/db";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { enqueue } from "@/lib/outbox/enqueue";
import { testMessage } from "@/lib/outbox/testing";
import { DAY_MS } from "@/lib/oauth/presets";
import { metricsRegistry } from "@/lib/metrics";
import { tokenLimitNotes } from "./conditions";
import { reconcile } from "./incidents";
import { buildPayload, noticeText } from "./payload";
import type { IncidentView } from "./types";

const INCIDENT: IncidentView = {
  id: 7,
  condition: "messages-dead",
  title: "Messages went dead",
  summary: "2 messages went dead (given up) in the last 10 min.",
  detail: { count: 2, lastError: "550 5.1.1 no such user" },
  link: "/outbox?status=dead",
  openedAt: "2026-12-04T10:00:00.000Z",
  lastSeenAt: "2026-12-04T10:05:00.000Z",
  resolvedAt: null,
};
const CTX = { origin: "https://herald.example.com", now: new Date("2026-12-04T10:00:01Z") };

describe("payloads", () => {
  it("generic JSON carries every field and an absolute link", () => {
    expect(buildPayload("json", INCIDENT, "opened", CTX)).toEqual({
      source: "herald",
      event: "opened",
      incident: 7,
      condition: "messages-dead",
      title: "Messages went dead",
      summary: INCIDENT.summary,
      detail: INCIDENT.detail,
      openedAt: INCIDENT.openedAt,
      resolvedAt: null,
      url: "https://herald.example.com/outbox?status=dead",
      sentAt: "2026-12-04T10:00:01.000Z",
    });
  });

  it('Slack / Teams: one {"text"} with headline, summary, last error and link; resolved says for how long', () => {
    expect(buildPayload("text", INCIDENT, "opened", CTX)).toEqual({
      text: [
        "[Herald] ALERT: Messages went dead",
        INCIDENT.summary,
        "Last error: 550 5.1.1 no such user",
        "Since 2026-12-04T10:00:00.000Z.",
        "Fix it: https://herald.example.com/outbox?status=dead",
      ].join("\n"),
    });
    const resolved = noticeText({ ...INCIDENT, resolvedAt: "2026-12-04T10:42:00.000Z" }, "resolved", CTX);
    expect(resolved).toMatch(/^\[Herald\] RESOLVED: Messages went dead\n/);
    expect(resolved).toContain("Resolved at 2026-12-04T10:42:00.000Z after 42 min (opened 2026-12-04T10:00:00.000Z).");
  });
});

describe("refresh token limits", () => {
  const now = Date.parse("2026-12-04T00:00:00Z");
  it("Microsoft: quiet until 75 days unused, then the 90-day limit", () => {
    expect(tokenLimitNotes("microsoft", { issued: now - 100 * DAY_MS, lastUse: now - 74 * DAY_MS, expirySeconds: -1 }, now)).toEqual([]);
    const [note] = tokenLimitNotes("microsoft", { issued: now - 100 * DAY_MS, lastUse: now - 76 * DAY_MS, expirySeconds: -1 }, now);
    expect(note).toMatch(/^Microsoft refresh tokens expire after 90 days without use/);
    expect(note).toMatch(/\(76 days so far; limit reached on 2026-12-18\.\)$/);
  });

  it("Google: the Testing app's 7-day limit only from day 5 to day 8; 6 months unused from day 150", () => {
    expect(tokenLimitNotes("google", { issued: now - 4 * DAY_MS, lastUse: now, expirySeconds: -1 }, now)).toEqual([]);
    expect(tokenLimitNotes("google", { issued: now - 6 * DAY_MS, lastUse: now, expirySeconds: -1 }, now)[0]).toMatch(/Testing/);
    expect(tokenLimitNotes("google", { issued: now - 9 * DAY_MS, lastUse: now, expirySeconds: -1 }, now)).toEqual([]);
    expect(tokenLimitNotes("google", { issued: now - 200 * DAY_MS, lastUse: now - 151 * DAY_MS, expirySeconds: -1 }, now)[0]).toMatch(/6 months/);
  });

  it("the expiry set in the OAuth2 provider: warned in its last fifth (at most 7 days)", () => {
    expect(tokenLimitNotes("custom", { issued: now - 70_000, lastUse: now, expirySeconds: 100 }, now)).toEqual([]);
    expect(tokenLimitNotes("custom", { issued: now - 90_000, lastUse: now, expirySeconds: 100 }, now)[0]).toMatch(/\(100 s\) ends on/);
    expect(tokenLimitNotes("custom", { issued: now - 200_000, lastUse: now, expirySeconds: 100 }, now)[0]).toMatch(/passed on/);
  });
});

describe("incidents", () => {
  afterEach(() => closeConnections());

  it("a flapping condition stays one incident: resolved only after it stayed clear for the quiet period", async () => {
    useFreshDataDir();
    await closeConnections();
    const f = [{ condition: "messages-dead" as const, summary: "s", detail: {}, link: "/outbox" }];
    const t0 = Date.parse("2026-12-04T10:00:00Z");
    const at = (s: number) => new Date(t0 + s * 1000);
    expect(await reconcile(f, at(0), 60_000)).toEqual({ opened: ["messages-dead"], resolved: [] });
    expect(await reconcile([], at(15), 60_000)).toEqual({ opened: [], resolved: [] });
    expect(await reconcile(f, at(30), 60_000)).toEqual({ opened: [], resolved: [] });
    expect(await reconcile([], at(45), 60_000)).toEqual({ opened: [], resolved: [] });
    expect(await reconcile([], at(100), 60_000)).toEqual({ opened: [], resolved: [] });
    expect(await reconcile([], at(105), 60_000)).toEqual({ opened: [], resolved: ["messages-dead"] });
    expect(await reconcile([], at(200), 60_000)).toEqual({ opened: [], resolved: [] });
    expect(await reconcile(f, at(300), 60_000)).toEqual({ opened: ["messages-dead"], resolved: [] });
  });
});

describe("Prometheus: the gauges the rules read, and the rules file", () => {
  afterEach(() => closeConnections());

  async function sample(name: string, labels: Record<string, string> = {}) {
    const m = metricsRegistry().getSingleMetric(name);
    if (!m) throw new Error(`no metric ${name}`);
    const values = (await m.get()).values as { labels: Record<string, string | number>; value: number }[];
    return values.find((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))?.value;
  }

  it("oldest waiting message, last delivery, open incidents: read from the database at scrape time", async () => {
    useFreshDataDir();
    await closeConnections();
    expect(await sample("herald_outbox_oldest_waiting_timestamp_seconds")).toBe(0);
    const queuedAt = new Date("2026-12-04T09:00:00Z");
    await enqueue(null, [testMessage(1)], { source: "test", now: queuedAt });
    expect(await sample("herald_outbox_oldest_waiting_timestamp_seconds")).toBe(queuedAt.getTime() / 1000);
    expect(await sample("herald_outbox_last_delivery_timestamp_seconds")).toBe(0);
    expect(await sample("herald_alerts_open", { condition: "messages-dead" })).toBe(0);
    await reconcile([{ condition: "messages-dead", summary: "s", detail: {}, link: "/outbox" }], new Date(), 0);
    expect(await sample("herald_alerts_open", { condition: "messages-dead" })).toBe(1);
    expect(await sample("herald_alerts_open", { condition: "reauthorization" })).toBe(0);
    expect(await sample("herald_oauth_reauth_needed")).toBe(0);
  });

  it("every metric the shipped rules use exists", async () => {
    const text = fs.readFileSync(path.resolve(__dirname, "../../deploy/prometheus/herald-alerts.rules.yml"), "utf8");
    const exprs = [...text.matchAll(/expr: (?:\|\n((?:\s{10}.*\n)+)|(.*))/g)].map((m) => m[1] ?? m[2]);
    expect(exprs.length).toBe(8);
    const used = new Set(exprs.flatMap((e) => [...e!.matchAll(/\b(herald_[a-z_]+)\b/g)].map((m) => m[1])));
    const known = new Set((await metricsRegistry().getMetricsAsJSON()).map((m) => m.name));
    const missing = [...used].filter((n) => !known.has(n!));
    expect(missing).toEqual([]);
  });
});
