import { describe, it, expect } from "vitest";
import { sayOnce, sendingVerdict } from "./verdict";
import type { SendingStatus } from "./status";

const worker = (over: Partial<SendingStatus["workers"][number]> = {}): SendingStatus["workers"][number] => ({
  id: "w1",
  alive: true,
  seenAt: "2026-12-04T10:00:00.000Z",
  pausedUntil: null,
  paused: false,
  unavailableReason: null,
  token: { state: "not-used", message: null },
  transport: null,
  ...over,
});

const base = (over: Partial<SendingStatus> = {}): SendingStatus => ({
  target: { kind: "smtp", label: "smtp.example.test:587", reason: null, why: null },
  mailServiceConfigured: true,
  sandbox: false,
  mailbox: { mode: "auto", port: null },
  workers: [worker()],
  lastSmtp: null,
  oauth: { used: false, status: null, headline: null, reason: null },
  counts: { queued: 0, sending: 0, sent: 3, failed: 0, dead: 0 } as SendingStatus["counts"],
  database: "SQLite · /tmp/x.db",
  ...over,
});

describe("the dashboard's one sending status", () => {
  it("all well: mail can go out, no reasons", () => {
    expect(sendingVerdict(base())).toEqual({ level: "ok", headline: "Mail can go out", reasons: [] });
  });

  it("OAuth2 revoked with a message held: red, one reason, worded for people, no internal states", () => {
    const v = sendingVerdict(
      base({
        oauth: { used: true, status: "reauth_needed", headline: "Re-authorization needed", reason: "Re-authorization needed: Re-authorization needed: the refresh token was rejected. Authorize again." },
        workers: [
          worker({
            paused: true,
            pausedUntil: "2026-12-04T10:05:00.000Z",
            unavailableReason: "Re-authorization needed: the refresh token was rejected",
            token: { state: "reauthorization-needed", message: "Re-authorization needed: the refresh token was rejected" },
          }),
        ],
        counts: { queued: 1, sending: 0, sent: 0, failed: 0, dead: 0 } as SendingStatus["counts"],
      }),
    );
    expect(v.level).toBe("error");
    expect(v.headline).toBe("Mail cannot go out");
    expect(v.reasons).toHaveLength(1);
    const text = v.reasons[0]!.text;
    expect(text).toBe("The mailbox's OAuth2 authorization no longer works: the refresh token was rejected. Authorize again. Messages stay queued until an admin authorizes again.");
    expect(text).not.toMatch(/Re-authorization needed|reauthorization-needed|not-used|worker:/);
    expect(v.reasons[0]!.link?.href).toBe("/configuration/oauth");
  });

  it("the worker's token state alone is enough to say re-authorize (the OAuth2 page may lag)", () => {
    const v = sendingVerdict(base({ oauth: { used: true, status: "connected", headline: "Connected as a@b.test", reason: null }, workers: [worker({ token: { state: "reauthorization-needed", message: "the refresh token was rejected" } })] }));
    expect(v.level).toBe("error");
    expect(v.reasons.map((r) => r.text)).toEqual(["The mailbox's OAuth2 authorization no longer works: the refresh token was rejected. Messages stay queued until an admin authorizes again."]);
  });

  it("reads the heartbeat's transport when a worker reports it", () => {
    const down = sendingVerdict(base({ workers: [worker({ transport: { state: "down", since: "2026-12-04T09:58:00.000Z", lastError: "Connection refused: Connection refused" } })] }));
    expect(down.level).toBe("error");
    expect(down.reasons[0]!.text).toBe("The SMTP server does not accept mail since 2026-12-04 09:58:00 UTC: Connection refused. Messages wait and are retried.");
    const probing = sendingVerdict(base({ workers: [worker({ transport: { state: "probing", since: null, lastError: null } })] }));
    expect(probing.level).toBe("warning");
    expect(sendingVerdict(base({ workers: [worker({ transport: { state: "up", since: null, lastError: null } })] })).level).toBe("ok");
  });

  it("no worker, an unavailable target, dead messages: each reason once", () => {
    const v = sendingVerdict(
      base({
        target: { kind: "unavailable", label: "none", reason: "Mail cannot go out: smtp.host is blank", why: null },
        workers: [worker({ alive: false })],
        counts: { queued: 2, sending: 0, sent: 0, failed: 1, dead: 1 } as SendingStatus["counts"],
      }),
    );
    expect(v.level).toBe("error");
    expect(v.reasons.map((r) => r.text)).toEqual([
      "Mail cannot go out: smtp.host is blank.",
      "No worker is running, so queued messages are not sent. Start Herald (the worker runs inside it) or a separate worker process.",
      "1 message gave up after the last retry.",
    ]);
  });

  it("a pause for another reason is said, with the time", () => {
    const v = sendingVerdict(base({ workers: [worker({ paused: true, pausedUntil: "2026-12-04T10:05:00.000Z", unavailableReason: "too many failures" })] }));
    expect(v).toMatchObject({ level: "warning", reasons: [{ text: "Sending is paused until 2026-12-04 10:05:00 UTC: too many failures." }] });
  });
});

describe("sayOnce", () => {
  it("drops repeated lead-ins", () => {
    expect(sayOnce("Connection refused: Connection refused")).toBe("Connection refused");
    expect(sayOnce("A: A: b")).toBe("A: b");
    expect(sayOnce("Re-authorization needed: x", ["Re-authorization needed"])).toBe("x");
    expect(sayOnce("Time: 10:00")).toBe("Time: 10:00");
  });
});
