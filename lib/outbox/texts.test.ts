// The console's English texts for the mail flow are exactly the ones lib gives the API, the CLI
// and the logs: the catalog cannot drift from the verdict, the held reasons, the status words and
// the mail log's session kinds.
import { describe, it, expect } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import ko from "@/messages/ko.json";
import { VERDICT, verdictEnglish } from "./verdict";
import { HELD } from "./held";
import { MAIL_SESSION_KIND, MAIL_STATUS } from "./labels";
import { FAMILIES } from "@/lib/templates/catalog";

describe("the mail flow's English catalog", () => {
  it("equals lib's texts", () => {
    expect(en.verdict).toEqual(VERDICT);
    expect(en.outbox.held).toEqual(HELD);
    expect(en.mailStatus).toEqual(MAIL_STATUS);
    expect(en.mailLog.kinds).toEqual(MAIL_SESSION_KIND);
    // The outbox filter names the template families as the template catalog does.
    expect(en.outbox.families).toEqual(Object.fromEntries(FAMILIES.map((f) => [f.id, f.title])));
  });

  it("a verdict reason reads in Korean with the same values", () => {
    const t = createTranslator({ locale: "ko", messages: ko, namespace: "verdict" });
    expect(verdictEnglish("dead", { count: 2 })).toBe("2 messages gave up after the last retry.");
    expect(t("dead", { count: 2 })).toBe("메시지 2개가 마지막 재시도 후 발송 포기되었습니다.");
    expect(verdictEnglish("transportDown", { since: "none", why: "Connection refused." })).toBe("The SMTP server does not accept mail: Connection refused. Messages wait and are retried.");
    expect(t("transportDown", { since: "2026. 12. 04. 10:00:00", why: "none" })).toBe("SMTP 서버가 2026. 12. 04. 10:00:00부터 메일을 받지 않습니다. 메시지는 대기했다가 재시도됩니다.");
  });
});

describe("the send target's reasons", () => {
  it("are verdict texts, so the dashboard translates them", async () => {
    const { sendingVerdict } = await import("./verdict");
    const v = sendingVerdict({
      target: { kind: "unavailable", label: "built-in mailbox (not running)", reason: VERDICT.mailboxNotRunning, why: null },
      mailServiceConfigured: false,
      sandbox: false,
      mailbox: { mode: "auto", port: null },
      workers: [],
      lastSmtp: null,
      oauth: { used: false, status: null, headline: null, reason: null },
      counts: { queued: 0, sending: 0, sent: 0, failed: 0, dead: 0, cancelled: 0 },
      database: "SQLite",
    });
    expect(v.reasons[0]).toMatchObject({ key: "mailboxNotRunning", text: VERDICT.mailboxNotRunning });
  });
});

describe("the recipients' server errors", () => {
  it("read in Korean on the form, with their values", async () => {
    const { localizeError } = await import("@/lib/validations/messages");
    const t = createTranslator({ locale: "ko", messages: ko, namespace: "validation" });
    const tr = (m: string) => localizeError(m, (k, v) => (t as unknown as (k: string, v: object) => string)(k, v));
    expect(tr('already belongs to recipient "ana-1"')).toBe('이미 수신자 "ana-1"의 주소입니다');
    expect(tr("must not be empty")).toBe("비워 둘 수 없습니다");
    expect(tr('"xx" is not an ISO 639-1 language code (e.g. en, de, pt, or de_CH)')).toBe('"xx"은(는) ISO 639-1 언어 코드가 아닙니다(예: en, de, pt, de_CH)');
  });
});
