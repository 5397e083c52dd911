// The administration screens' texts that lib produces (device names, refusal reasons, scope
// help, audit words, alert titles, the API's operation texts, the strength estimator's feedback):
// the English catalog holds exactly lib's English, so the two cannot drift, and the Korean
// catalog translates them through the same keys.
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import { DEVICE_TEXT, describeUserAgent } from "@/lib/auth/user-agent";
import { REFUSAL_PAGE_TEXT, REFUSAL_TEXT, refusalReason } from "@/lib/auth/oidc-mapping";
import { SCOPE_HELP } from "@/lib/apikeys/schema";
import { AUDIT_WORDS, formatAuditDetail } from "@/lib/audit/format";
import { ALERT_TEXT, CONDITION_TITLES, renderAlertText, type AlertText } from "@/lib/alerts/types";
import { OPERATIONS, OPERATION_TEXT_VALUES, operationId } from "@/lib/api/openapi";
import { STRENGTH } from "@/lib/validations/strength";
import { localizeStrengthWith, localizeWith, matcher, type StrengthTexts } from "@/lib/validations/match";
import { passwordWeakness } from "@/lib/validations/password-strength";

type Tree = { [k: string]: string | Tree };
const load = (locale: string): Tree => JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../messages/${locale}.json`), "utf8"));
const en = load("en");
const ko = load("ko");
const translator = (messages: Tree, namespace: string) =>
  createTranslator({ locale: messages === ko ? "ko" : "en", messages: messages as never, namespace: namespace as never }) as unknown as (key: string, values?: Record<string, unknown>) => string;

const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

describe("lib texts shown on the administration screens", () => {
  it("device names: the catalog's English is lib's, and Korean names the system first", () => {
    expect(en.devices).toEqual(DEVICE_TEXT);
    expect(describeUserAgent(CHROME_LINUX)).toBe("Chrome on Linux");
    expect(describeUserAgent(null)).toBe("Unknown device");
    const t = translator(ko, "devices");
    expect(describeUserAgent(CHROME_LINUX, (k, v) => t(k, v))).toBe("Linux의 Chrome");
    expect(describeUserAgent("", (k, v) => t(k, v))).toBe("알 수 없는 기기");
    expect(describeUserAgent("something/1.0", (k, v) => t(k, v))).toBe("알 수 없는 브라우저");
  });

  it("sign-in refusals: every reason of the refusal page, with the mapping's ones word for word", () => {
    expect((en.refused as Tree).reasons).toEqual(REFUSAL_PAGE_TEXT);
    for (const [k, v] of Object.entries(REFUSAL_TEXT)) expect(REFUSAL_PAGE_TEXT[k as keyof typeof REFUSAL_TEXT]).toBe(v);
    expect(refusalReason("domain")).toBe("domain");
    expect(refusalReason("constructor")).toBe("other");
    expect(refusalReason(undefined)).toBe("other");
  });

  it("API key scopes, audit words and alert titles", () => {
    expect((en.apiKeys as Tree).scopeHelp).toEqual(SCOPE_HELP);
    expect((en.audit as Tree).words).toEqual(AUDIT_WORDS);
    expect((en.alerts as Tree).titles).toEqual(CONDITION_TITLES);
  });

  it("alert summaries: the catalog's English is lib's; Korean keeps verbatim values as they came", () => {
    expect((en.alerts as Tree).texts).toEqual(ALERT_TEXT);
    const text: AlertText[] = [{ key: "unreachable", values: { minutes: 12, why: "connect ECONNREFUSED 127.0.0.1:2525" } }];
    expect(renderAlertText(text)).toBe("The SMTP server has been unreachable for 12 min: connect ECONNREFUSED 127.0.0.1:2525");
    const t = translator(ko, "alerts");
    expect(renderAlertText(text, (k, v) => t(`texts.${k}`, v))).toBe("SMTP 서버에 12분 동안 연결할 수 없습니다: connect ECONNREFUSED 127.0.0.1:2525");
    const nested: AlertText[] = [{ key: "waitingMany", values: { count: 3, minutes: 5, since: { key: "sinceStart" }, why: { key: "noWorker" } } }];
    expect(renderAlertText(nested)).toBe(
      "3 messages have been waiting for 5 min and nothing was delivered since the start: no outbox worker is running (the console's in-server worker is off and no `npm run worker` reports in).",
    );
    expect(renderAlertText(nested, (k, v) => t(`texts.${k}`, v))).toMatch(/^메시지 3개가 5분째 대기 중이며 시작 이후/);
  });

  it("audit details in Korean keep keys and values as stored", () => {
    const t = translator(ko, "audit");
    const words = Object.fromEntries(Object.keys(AUDIT_WORDS).map((k) => [k, t(`words.${k}`)])) as Record<keyof typeof AUDIT_WORDS, string>;
    const detail = JSON.stringify({ on: false, version: 3, changes: [{ key: "send.email", old: true, new: false }, { key: "smtp.password", secret: "set" }] });
    expect(formatAuditDetail("config.save", null, detail, words)).toEqual({ summary: ["on: 사용 안 함", "버전: 3"], changes: ["send.email: 사용 → 사용 안 함", "smtp.password: 설정됨"] });
    expect(t("events.user.password_failed")).toBe("비밀번호 변경 실패");
  });

  it("every API operation has its texts in the catalogs, the English equal to the OpenAPI document's", () => {
    const t = translator(en, "apiDocs");
    const k = translator(ko, "apiDocs");
    for (const op of OPERATIONS) {
      const id = operationId(op);
      expect(t(`ops.${id}.summary`)).toBe(op.summary);
      expect(t(`ops.${id}.description`, OPERATION_TEXT_VALUES)).toBe(op.description);
      expect(t(`ops.${id}.success`)).toBe(op.success.description);
      expect(k(`ops.${id}.description`, OPERATION_TEXT_VALUES)).not.toBe(op.description);
    }
    expect(Object.keys((en.apiDocs as Tree).ops as Tree)).toEqual(OPERATIONS.map(operationId));
  });

  it("the strength feedback is zxcvbn's English, by the same keys", () => {
    expect(STRENGTH.warnings).toEqual(zxcvbnEn.translations.warnings);
    expect(STRENGTH.suggestions).toEqual(zxcvbnEn.translations.suggestions);
    expect(en.strength).toEqual(STRENGTH);
  });

  it("a refused password's whole message in Korean: the rule, the warning and the suggestion", () => {
    const tv = translator(ko, "validation");
    const ts = translator(ko, "strength");
    const message = passwordWeakness("password1234", []);
    expect(message).toMatch(/^Too easy to guess: /);
    // The browser's way: matched against the English catalog texts (lib/i18n/use-localize-error.ts).
    const en = JSON.parse(fs.readFileSync(path.join(__dirname, "../../messages/en.json"), "utf8")) as { validation: Record<string, string>; strength: StrengthTexts };
    const find = matcher(en.validation);
    const strength = (why: string, hint: string) => localizeStrengthWith(en.strength, why, hint, (key) => ts(key));
    const korean = localizeWith(message!, find, (key, values) => tv(key, values), strength);
    expect(korean).toMatch(/^추측하기 너무 쉽습니다: /);
    expect(korean).not.toMatch(/[A-Za-z]{3}/);
    // A feedback text Herald does not know stays as it came, the rule still translated.
    expect(localizeWith("Too easy to guess: Something new. Try this.", find, (key, values) => tv(key, values), strength)).toBe("추측하기 너무 쉽습니다: Something new. Try this.");
  });
});
