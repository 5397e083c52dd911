// The console's texts of the service definitions (issue 17): the English catalog is exactly the
// definitions' English, so the two cannot drift; the change and import wording likewise.
import { describe, it, expect } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { SERVICES, mailService, oauthProvider, oidcProvider, alertService } from "./index";
import { serviceCatalog, serviceKey, fieldKey, serviceTextsOf, translatedServiceTexts, labelTranslator, localizeConfigError, icuEscape } from "./catalog";
import { CHANGE_TEXTS, describeChange, describeChangeIn, diffValues } from "../diff";
import { describeResets } from "../import-plan";
import { crossServiceErrors, validateValues } from "../validate";
import { VALIDATION, fill, type ValidationKey } from "@/lib/validations/messages";
import type { ServiceDef } from "../types";

type Tree = { [k: string]: string | Tree };
const load = (locale: string): Tree => JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../../messages/${locale}.json`), "utf8"));
const en = load("en");
const ko = load("ko");
const tr = (messages: Tree, locale: "en" | "ko", namespace: string) =>
  createTranslator({ locale, messages: messages as never, namespace: namespace as never }) as unknown as (key: string, values?: Record<string, unknown>) => string;

describe("the services catalog", () => {
  it("English is exactly the definitions' texts (labels, help, item labels, units, options, why a default breaks mail)", () => {
    expect(en.services).toEqual(serviceCatalog());
  });

  it("every English message formats back to the definition's text, quotes, braces and <angle brackets> included", () => {
    const t = tr(en, "en", "services");
    for (const def of SERVICES) {
      const texts = translatedServiceTexts(def, (k) => t(k));
      const english = serviceTextsOf(def);
      expect(texts.title).toBe("");
      expect(texts.description).toBe(def.description);
      for (const f of def.fields) expect(texts.fields[f.key]).toEqual(english.fields[fieldKey(f.key)]);
    }
  });

  it("Korean has every text and a name of its own for each service, shown beside AEM's", () => {
    const t = tr(ko, "ko", "services");
    for (const def of SERVICES) {
      const texts = translatedServiceTexts(def, (k) => t(k));
      expect(texts.title).toMatch(/\S/);
      for (const f of def.fields) expect(texts.fields[f.key]!.label).toMatch(/\S/);
    }
    expect(t(`${serviceKey(mailService.pid)}.title`)).toBe("메일 서비스");
    expect(t(`${serviceKey(mailService.pid)}.fields.smtp_port.label`)).toBe("SMTP 서버 포트");
  });

  it("escapes ICU syntax so that a text comes back as it was", () => {
    const t = createTranslator({ locale: "en", messages: { x: { a: icuEscape(`It's {"text": …} <name@example.com> #1 '{x}'`) } } as never, namespace: "x" as never }) as unknown as (k: string) => string;
    expect(t("a")).toBe(`It's {"text": …} <name@example.com> #1 '{x}'`);
  });
});

describe("the change and import wording", () => {
  it("English is exactly what the CLI and the audit log write", () => {
    expect((en.configHistory as Tree).change).toEqual(CHANGE_TEXTS);
    const t = tr(en, "en", "configImport");
    expect(t("resets", { count: 1, keys: "smtp.user" })).toBe(describeResets(["smtp.user"]));
    expect(t("resets", { count: 3, keys: "a, b, c" })).toBe(describeResets(["a", "b", "c"]));
  });

  it("tells a change in Korean with the field's Korean label", () => {
    const th = tr(ko, "ko", "configHistory");
    const texts = translatedServiceTexts(mailService, (k) => tr(ko, "ko", "services")(k)).fields;
    const lines = diffValues(mailService, { "smtp.port": 25, "smtp.ssl": false }, { "smtp.port": 587, "smtp.ssl": true }).map((c) =>
      describeChangeIn(c, (k, v) => th(`change.${k}`, v), texts[c.key]!.label),
    );
    expect(lines).toEqual(["SMTP 서버 포트: 25 → 587", "SSL 사용: 꺼짐 → 켜짐"]);
    const english = diffValues(mailService, { "smtp.port": 25 }, { "smtp.port": 587 }).map((c) =>
      describeChangeIn(c, (k, v) => tr(en, "en", "configHistory")(`change.${k}`, v), c.label),
    );
    expect(english).toEqual(diffValues(mailService, { "smtp.port": 25 }, { "smtp.port": 587 }).map(describeChange));
  });
});

describe("the error map for service messages", () => {
  const tv = tr(ko, "ko", "validation");
  const ts = tr(ko, "ko", "services");
  const korean = (def: ServiceDef, values: Record<string, unknown>) => {
    const r = validateValues(def, values);
    if (r.ok) throw new Error("expected errors");
    const labelOf = labelTranslator(def, translatedServiceTexts(def, (k) => ts(k)).fields);
    return Object.fromEntries(Object.entries(r.fieldErrors).map(([k, ms]) => [k, ms.map((m) => localizeConfigError(m, (key: ValidationKey, v) => tv(key, v), labelOf))]));
  };

  it("translates a field error with the field's Korean label", () => {
    expect(korean(mailService, { "smtp.host": "smtp.example.com", "smtp.port": 7, "from.address": "a@example.com" })).toEqual({
      "smtp.port": ["SMTP 서버 포트 값은 25~65535 사이여야 합니다."],
    });
    expect(korean(mailService, { "smtp.host": "smtp.example.com", "from.address": "not-an-address" })).toEqual({
      "from.address": ['발신자 주소(From) 값이 올바른 이메일 주소가 아닙니다: "@"가 없습니다. name@example.com 또는 Name <name@example.com> 형식으로 입력하세요.'],
    });
  });

  it("translates labels of two fields, list entries and fixed values inside a message", () => {
    expect(korean(mailService, { "smtp.host": "h.example.com", "from.address": "a@example.com", "smtp.ssl": true, "smtp.starttls": true })["smtp.starttls"]![0]).toMatch(/^SSL 사용과\(와\) StartTLS 사용을\(를\) 동시에 켤 수 없습니다/);
    expect(korean(oidcProvider, { scopes: ["openid", ""] }).scopes).toEqual(["범위 2이(가) 비어 있습니다. 삭제하거나 값을 입력하세요."]);
    expect(korean(oauthProvider, { refreshTokenExpiry: 0 }).refreshTokenExpiry).toEqual(["새로 고침 토큰 만료 값은 1~2147483647 사이여야 합니다(만료 없음은 -1)."]);
    expect(korean(alertService, { "email.recipients": ["nobody"] })["email.recipients"]).toEqual([
      '주소 1 값이 올바른 이메일 주소가 아닙니다: "@"가 없습니다. name@example.com 또는 Name <name@example.com> 형식으로 입력하세요.',
    ]);
  });

  it("translates the refusal of a save made over someone else's (the concurrent edit)", () => {
    const message = fill(VALIDATION.cfgConflictBy, { service: mailService.name, actor: "kim@example.com", time: "2026-12-07 10:00:00", version: 4 });
    expect(localizeConfigError(message, (k: ValidationKey, v) => tv(k, v))).toBe(
      "저장하지 않았습니다. kim@example.com 님이 2026-12-07 10:00:00 UTC에 Day CQ Mail Service을(를) 변경했습니다(버전 4). 페이지를 새로 고쳐 변경 내용을 확인한 다음 다시 변경하세요.",
    );
  });

  it("translates the labels of another service that a rule between services names", () => {
    const [error] = crossServiceErrors({ [mailService.pid]: { "oauth.flow": true } });
    const texts = (def: ServiceDef) => translatedServiceTexts(def, (k) => ts(k)).fields;
    const labelOf = labelTranslator(mailService, texts(mailService), [oauthProvider, texts(oauthProvider)]);
    expect(localizeConfigError(error!.message, (k: ValidationKey, v) => tv(k, v), labelOf)).toBe(
      "Day CQ Mail Service에서 OAuth 흐름이 켜져 있지만 CQ Mail SMTP OAuth2 Provider 구성이 완전하지 않습니다. 누락: 인증 URL, 토큰 URL, 클라이언트 ID, 범위 하나 이상.",
    );
  });

  it("leaves a message it does not know as it came", () => {
    expect(localizeConfigError("SMTP said no", (k: ValidationKey, v) => tv(k, v))).toBe("SMTP said no");
  });
});
