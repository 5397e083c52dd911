// The OAuth2 page and test email (issue 17): the texts lib/ words for these screens — SMTP failure
// explanations, session warnings, check steps, token health, presets — are exactly the English
// catalog's, so the English console, the API and the CLI cannot drift apart; and a Korean reader
// gets Herald's words in Korean with the server's own words left as they came.
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { SMTP_EXPLAIN_TEXTS } from "@/lib/mail/explain-texts";
import { explainError, explainReply } from "@/lib/mail/explain";
import { SESSION_WARNING_TEXTS } from "@/lib/smtp/warnings";
import { CHECK_STEP_TEXTS, stepText } from "@/lib/smtp/step-texts";
import { OAUTH_HEALTH_TEXTS } from "@/lib/oauth/health-texts";
import { OAUTH_EXPLAIN_TEXTS } from "@/lib/oauth/explain-texts";
import { PROVIDERS } from "@/lib/oauth/presets";
import { OAUTH_LABELS } from "@/lib/config/services/oauth-provider";

type Tree = { [k: string]: string | Tree };
const load = (locale: string): Tree => JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../messages/${locale}.json`), "utf8"));
const en = load("en");
const ns = (tree: Tree, name: string) => tree[name] as Tree;

describe("the English catalog is lib's English", () => {
  it("SMTP explanations (lib/mail/explain-texts.ts)", () => {
    const s = ns(en, "smtpCheck");
    expect({ server: s.server, someHost: s.someHost, explain: s.explain }).toEqual(SMTP_EXPLAIN_TEXTS);
  });
  it("session warnings and check steps (lib/smtp)", () => {
    expect(ns(en, "smtpCheck").warning).toEqual(SESSION_WARNING_TEXTS);
    expect(ns(en, "smtpCheck").stepText).toEqual(CHECK_STEP_TEXTS);
  });
  it("token health (lib/oauth/health-texts.ts) and the missing settings' labels", () => {
    expect(ns(en, "oauth").health).toEqual(OAUTH_HEALTH_TEXTS);
    expect(ns(en, "oauth").missing).toEqual({ authUrl: OAUTH_LABELS.authUrl, tokenUrl: OAUTH_LABELS.tokenUrl, clientId: OAUTH_LABELS.clientId, scopes: "at least one scope" });
  });
  it("OAuth2 error explanations (lib/oauth/explain-texts.ts)", () => {
    expect(ns(en, "oauth").errors).toEqual(OAUTH_EXPLAIN_TEXTS);
  });
  it("the presets' labels and summaries (lib/oauth/presets.ts)", () => {
    expect(ns(en, "oauthGuide").preset).toEqual(Object.fromEntries(PROVIDERS.map((p) => [p.kind, { label: p.label, summary: p.summary }])));
  });
});

describe("in Korean", () => {
  const ko = createTranslator({ locale: "ko", messages: load("ko") as never, namespace: "smtpCheck" as never }) as unknown as (k: string, v?: object) => string;
  const say = (e: ReturnType<typeof explainError>) => {
    const values = { at: ko("server"), host: ko("someHost"), ...e.i18n!.values };
    return { title: ko(`explain.${e.i18n!.key}.title`, values), explanation: ko(`explain.${e.i18n!.key}.explanation`, values) };
  };

  it("explains a refused connection in Korean, naming the host and port as they are", () => {
    const e = explainError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:2"), { code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" }), { host: "127.0.0.1", port: 2 });
    expect(e.title).toBe("Connection refused");
    expect(say(e).title).toBe("연결이 거부됨");
    expect(say(e).explanation).toContain("127.0.0.1:2에서 연결을 받는 서비스가 없습니다.");
  });

  it("keeps the server's reply verbatim inside the Korean explanation", () => {
    const e = explainReply("550 5.1.1 <nobody@example.com>: Recipient address rejected", "RCPT TO", { host: "mx.example.com", port: 25 });
    expect(e.explanation).toBe(`mx.example.com:25 says there is no such mailbox (550 5.1.1 <nobody@example.com>: Recipient address rejected). Check the recipient address.`);
    expect(say(e).explanation).toBe("mx.example.com:25에 따르면 해당 메일함이 없습니다(550 5.1.1 <nobody@example.com>: Recipient address rejected). 수신자 주소를 확인하세요.");
  });

  it("says 메일 서버 when no host is known, and words a check step", () => {
    const e = explainError(new Error("boom"));
    expect(e.explanation).toBe("An unexpected error occurred while talking to the mail server: boom. Run the connection check to see which step fails.");
    // Korean particles after a value use the usual paired form, 과(와), 이(가), as Microsoft's Korean UI does.
    expect(say(e).explanation).toBe("메일 서버과(와) 통신하는 중 예기치 않은 오류가 발생했습니다: boom. 연결 확인을 실행하여 어느 단계에서 실패하는지 확인하세요.");
    const s = stepText("loggedIn", { user: "a@b.test", method: "XOAUTH2" });
    expect(s.text).toBe("Logged in as a@b.test with XOAUTH2");
    expect(ko(s.keyed.key, s.keyed.values)).toBe("a@b.test(으)로 로그인함(XOAUTH2)");
  });
});
