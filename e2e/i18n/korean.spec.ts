// The console in Korean (issue 17): a user switches their account to 한국어 and the shell, the
// dashboard and the account page speak Korean (validation errors too); before sign-in the browser's
// Accept-Language decides; switching back restores English. Its own user, so the shared admin's
// language never changes under other specs.
import type { Page } from "@playwright/test";
import { test, expect as baseExpect, signIn } from "../fixtures/test";
import { KOREAN_PASSWORD as PASSWORD, makeUser, newClient } from "../fixtures/korean";
import { expectNoEnglishUi } from "../fixtures/english-sweep";

// Conditions, not fixed waits: a bcrypt sign-in plus a page render can take >10 s on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });
const ENGLISH_NAV = ["Dashboard", "Configuration", "Templates", "Outbox", "Recipients", "Mailbox", "API keys", "API", "Mail log", "Users", "Audit"];
const KOREAN_NAV = ["대시보드", "구성", "템플릿", "발신함", "수신자", "메일함", "API 키", "API", "메일 로그", "사용자", "감사 로그"];

async function navLabels(page: Page): Promise<string[]> {
  return (await page.getByRole("navigation").first().getByRole("link").allInnerTexts()).map((t) => t.trim());
}

async function choose(page: Page, label: RegExp, language: string, save: RegExp) {
  await page.goto("/account");
  await page.getByLabel(label).selectOption({ label: language });
  await page.getByRole("button", { name: save }).click();
}

test("a user switches the console to 한국어 and back to English", async ({ browser }) => {
  const email = makeUser();
  const ctx = await newClient(browser);
  const page = await ctx.newPage();
  await signIn(page, email, PASSWORD);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(await navLabels(page)).toEqual(ENGLISH_NAV);

  await choose(page, /^Language$/, "한국어", /^Save$/);
  // Takes effect on the next request: the page re-renders in Korean.
  await expect(page.getByRole("heading", { name: "내 계정" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "대시보드" })).toBeVisible();
  await expect(page.getByText("Kim Minji님, 환영합니다.", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "메일 설정" })).toBeVisible();
  await expect(page.getByRole("link", { name: "템플릿 편집" })).toBeVisible();
  await expect(page.getByRole("button", { name: "로그아웃" })).toBeVisible();
  const nav = await navLabels(page);
  expect(nav).toEqual(KOREAN_NAV);
  // No English navigation label left ("API" is the same word in both).
  expect(nav.filter((l) => ENGLISH_NAV.includes(l) && !KOREAN_NAV.includes(l))).toEqual([]);
  await expect(page.getByTestId("current-user")).toContainText("관리자");
  await expect(page).toHaveTitle("대시보드 · Herald");
  await expectNoEnglishUi(page);

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "내 계정" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "비밀번호 변경" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "활성 세션" })).toBeVisible();
  await expect(page.getByText("현재 세션")).toBeVisible();
  await expect(page.getByLabel("언어", { exact: true })).toHaveValue("ko");
  await expectNoEnglishUi(page);
  // A validation error in Korean, from the same schema the server checks with.
  const form = page.getByRole("form", { name: "비밀번호 변경" });
  await form.getByLabel("새 비밀번호", { exact: true }).fill("short");
  await form.getByRole("button", { name: "비밀번호 변경" }).click();
  await expect(form.getByText("현재 비밀번호를 입력하세요")).toBeVisible();
  await expect(form.getByText("12자 이상 입력하세요")).toBeVisible();

  // Switching back restores English.
  await choose(page, /^언어$/, "English", /^저장$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  expect(await navLabels(page)).toEqual(ENGLISH_NAV);
  await ctx.close();
});

test("before sign-in, Accept-Language decides: the login page in Korean, then the console for a user who chose nothing", async ({ browser }) => {
  const email = makeUser();
  const ctx = await newClient(browser, "ko-KR");
  const page = await ctx.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { name: "로그인" })).toBeVisible();
  await expect(page.getByText("이메일 알림 콘솔")).toBeVisible();
  await expect(page).toHaveTitle("로그인 · Herald");
  await expectNoEnglishUi(page);
  // Korean glyphs have a font on a machine without one: the self-hosted Noto Sans KR, served by
  // Herald itself under its CSP (font-src 'self'), never a font CDN.
  const faces = await page.evaluate(async () => (await document.fonts.load('16px "Noto Sans KR"', "한")).map((f) => f.status));
  expect(faces).toContain("loaded");
  // Validation in Korean before anything is sent.
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByText("이메일을 입력하세요")).toBeVisible();
  await expect(page.getByText("비밀번호를 입력하세요")).toBeVisible();
  await page.getByLabel("이메일").fill(email);
  await page.getByLabel("비밀번호").fill("not-the-password-at-all");
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByText("이메일 또는 비밀번호가 올바르지 않습니다.")).toBeVisible();
  await page.getByLabel("비밀번호").fill(PASSWORD);
  await page.getByRole("button", { name: "로그인" }).click();
  await expect(page.getByRole("heading", { name: "대시보드" })).toBeVisible();
  expect(await navLabels(page)).toEqual(KOREAN_NAV);
  await ctx.close();

  // The same user from an English browser: English, since they never chose.
  const en = await newClient(browser, "en-US");
  const enPage = await en.newPage();
  await signIn(enPage, email, PASSWORD);
  await expect(enPage.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await en.close();
});
