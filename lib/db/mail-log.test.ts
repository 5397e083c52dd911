// The mail log (AEM's DefaultMailService log) on a real database: which transcripts are kept, and
// the link between a delivery session and its outbox message, both ways.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { writeTx } from "@/lib/db/sql";
import { claimIn, completeIn } from "@/lib/outbox/store";
import { enqueue } from "@/lib/outbox/enqueue";
import { testMessage } from "@/lib/outbox/testing";
import { countMailLogFor, listMailLog, recordMailSession } from "./mail-log";

const transcript = [{ t: 0, dir: "S" as const, text: "220 mail.example.com ESMTP" }];

describe("mail log", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("keeps a test email's or a check's transcript with Debug email off, and a preview's only with it on", async () => {
    const base = { server: "mail.example.com:25", ok: true, transcript, keepTranscript: false };
    await recordMailSession({ ...base, kind: "test" });
    await recordMailSession({ ...base, kind: "check" });
    await recordMailSession({ ...base, kind: "preview" });
    await recordMailSession({ ...base, kind: "preview", keepTranscript: true });
    const { rows } = await listMailLog();
    expect(rows.map((r) => [r.kind, r.transcript !== null])).toEqual([
      ["preview", true],
      ["preview", false],
      ["check", true],
      ["test", true],
    ]);
    expect(rows[3]!.transcript).toEqual(transcript);
  });

  it("links a delivery session to its outbox message, and lists a message's sessions", async () => {
    const [a, b] = [testMessage(1), testMessage(2)];
    await enqueue(null, [a, b], { source: "test" });
    const claimed = await writeTx((d) => claimIn(d, "W", 2, 60_000));
    const log = (m: typeof a) => ({ server: "mail.example.com:25", recipients: m.to.join(", "), subject: m.subject, messageId: m.messageId, transcript: null });
    const at = new Date();
    await writeTx((d) =>
      completeIn(
        d,
        "W",
        claimed.map((c) =>
          c.id === a.id
            ? { kind: "sent" as const, id: c.id, attempt: 1, reply: "250 ok", durationMs: 3, at, log: log(a) }
            : { kind: "retry" as const, id: c.id, attempt: 1, reply: "451 later", error: "busy", nextAttemptAt: at, durationMs: 3, at, log: log(b) },
        ),
      ),
    );
    // A test email's Message-ID is not an outbox message's.
    await recordMailSession({ kind: "test", server: "s", ok: true, messageId: "<0f1e-2d3c@herald.test>", keepTranscript: false });

    const all = await listMailLog();
    expect(all.rows.map((r) => [r.kind, r.outboxId])).toEqual(
      expect.arrayContaining([
        ["test", null],
        ["outbox", a.id],
        ["outbox", b.id],
      ]),
    );

    const ofA = await listMailLog({ outboxId: a.id });
    expect(ofA).toMatchObject({ total: 1, outboxFound: true });
    expect(ofA.rows[0]).toMatchObject({ outboxId: a.id, reply: "250 ok", result: "ok" });
    expect(await countMailLogFor(b.messageId)).toBe(1);
    expect(await listMailLog({ outboxId: "msg_00000000000000000000000000" })).toMatchObject({ total: 0, rows: [], outboxFound: false });
  });
});
