// The OAuth2 page and the test email in Korean (issue 17): the page speaks Korean before and with
// a preset chosen (the provider guides, the scope notes, the copy button), and a test email to a
// closed port explains the failure in Korean while the server's words and the SMTP transcript stay
// exactly as they were. Nothing is saved: the OAuth2 and Mail Service settings other specs use
// stay as they are. Its own Korean user (koreanPage), so the shared admin's language never changes.
import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { test, expect as baseExpect } from "../fixtures/test";
import { koreanPage } from "../fixtures/korean";
import { englishLeftOn, expectNoEnglishUi } from "../fixtures/english-sweep";
import { closedPort } from "../../lib/testing/smtp";

// Conditions, not fixed waits: a bcrypt sign-in plus a page render can take >10 s on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });
const MAIL_PID = "com.day.cq.mailer.DefaultMailService";

test.describe.configure({ mode: "serial" });

let ctx: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ page, ctx } = await koreanPage(browser));
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"]);
});
test.afterAll(async () => ctx?.close());

test("the OAuth2 page in Korean, before a preset is chosen", async () => {
  await page.goto("/configuration/oauth");
  await expect(page.getByRole("heading", { name: "Gmail 및 Microsoft 365용 OAuth2" })).toBeVisible();
  await expect(page).toHaveTitle(/^OAuth2\(Gmail \/ Microsoft 365\)/);
  await expect(page.getByRole("heading", { name: "연결" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "공급자 및 메일함" })).toBeVisible();
  await expect(page.getByRole("link", { name: "OAuth2 공급자 설정" })).toBeVisible();
  await expect(page.getByRole("link", { name: "메일 서비스" })).toBeVisible();
  // The status headline is lib's (lib/oauth/health.ts), worded from its key.
  await expect(page.getByTestId("oauth-headline")).not.toHaveText(/[A-Za-z]{4,} (not|connected|needs)/);
  const status = await page.getByTestId("oauth-status").getAttribute("data-status");
  if (status === "not_configured") await expect(page.getByTestId("oauth-headline")).toContainText("OAuth2 공급자가 구성되지 않음");
  await expect(page.getByText("설정을 채우려면 사전 설정을 선택하세요.")).toBeVisible();
  // The provider guides.
  await page.getByText("Google 및 Microsoft에서 할 일").click();
  await expect(page.getByRole("heading", { name: "Google(Gmail / Workspace)" })).toBeVisible();
  await expect(page.getByText(/인증서 및 암호 → 새 클라이언트 암호/)).toBeVisible();
  await expectNoEnglishUi(page);
});

test("with a preset chosen: Microsoft 365, Google and Custom (scope notes), and the copy button", async () => {
  await page.goto("/configuration/oauth");
  await page.getByRole("radio", { name: "Microsoft 365" }).check();
  await expect(page.getByLabel("테넌트")).toBeVisible();
  await expect(page.getByLabel("클라이언트 ID")).toBeVisible();
  await expect(page.getByLabel("클라이언트 암호")).toBeVisible();
  await expect(page.getByLabel("리디렉션 URI", { exact: true })).toHaveValue(/\/api\/mailer\/oauth2\/token$/);
  await expect(page.getByRole("button", { name: "적용 및 저장" })).toBeVisible();
  // The AEM services keep their names, marked as not to translate.
  await expect(page.locator('[translate="no"]', { hasText: "Day CQ Mail Service" })).toBeVisible();
  await expectNoEnglishUi(page);

  await page.getByRole("button", { name: "리디렉션 URI 복사" }).click();
  await expect(page.getByText("복사됨")).toBeVisible();

  await page.getByRole("radio", { name: "Google(Gmail / Workspace)" }).check();
  await expect(page.getByText(/“웹 애플리케이션” 유형의 OAuth 클라이언트/)).toBeVisible();
  await expectNoEnglishUi(page);

  await page.getByRole("radio", { name: "사용자 지정" }).check();
  await expect(page.getByText("엔드포인트, 범위 및 SMTP 서버")).toBeVisible();
  await expect(page.getByLabel("범위(한 줄에 하나)")).toBeVisible();
  await page.getByLabel("범위(한 줄에 하나)").fill("");
  // lib/oauth/presets.ts's scope note, worded from its code.
  await expect(page.getByTestId("scope-notes")).toContainText("범위를 하나 이상 요청하세요.");
  // The form's own checks speak Korean too (the same schema the server checks with); the browser
  // refuses before anything is sent, so nothing is saved.
  await page.getByLabel("SMTP 포트").fill("24");
  await page.getByRole("button", { name: "적용 및 저장" }).click();
  await expect(page.locator("#oauth-smtp-port-error")).toHaveText("SMTP 포트는 25에서 65535 사이여야 합니다.");
  await expect(page.getByText("일부 값이 올바르지 않습니다. 각 필드를 확인하세요. 아무것도 저장하지 않았습니다.")).toBeVisible();
  await expectNoEnglishUi(page);
  await page.screenshot({ path: path.join(process.env.HERALD_E2E_SHOTS ?? "test-results/artifacts", "korean-oauth.png"), fullPage: true });
  // Nothing was applied: leaving the page drops the choice.
});

test("a test email to a closed port: Herald's explanation in Korean, the transcript verbatim", async () => {
  const port = await closedPort();
  await page.goto(`/configuration/${MAIL_PID}`);
  await page.locator("#f-smtp-host").fill("127.0.0.1");
  await page.locator("#f-smtp-port").fill(String(port));
  if (!(await page.locator("#f-from-address").inputValue())) await page.locator("#f-from-address").fill("Herald <herald@example.com>");
  await expect(page.getByRole("heading", { name: "테스트 메일 보내기" })).toBeVisible();
  await page.getByRole("button", { name: "테스트 메일 보내기" }).click();

  await expect(page.getByTestId("failure-category")).toHaveText("연결 거부됨", { timeout: 30_000 });
  await expect(page.getByTestId("failure-code")).toHaveAttribute("data-code", "refused");
  const explanation = page.getByTestId("failure-code");
  await expect(explanation).toContainText(`127.0.0.1:${port}에서 연결을 받는 서비스가 없습니다.`);
  await expect(explanation).toContainText("메일 서버가 실행 중이며 Herald에서 연결할 수 있는지 확인하세요.");
  // The transcript is the session as it happened: untranslated, and marked so.
  const transcript = page.getByTestId("transcript");
  await expect(transcript).toBeVisible();
  await expect(transcript).toHaveAttribute("aria-label", "SMTP 대화 기록");
  expect(await transcript.evaluate((el) => el.closest("[translate='no']") !== null)).toBe(true);
  await expect(transcript).toContainText(String(port));
  await expect(transcript).not.toContainText(/연결|서버/);
  // None of the test email's or the explanations' English is left (the rest of the Mail Service
  // page belongs to the configuration screens).
  const mine = /^(testEmail|smtpCheck|common\.(copied|copyByHand))\./;
  expect((await englishLeftOn(page)).filter((s) => mine.test(s))).toEqual([]);
  // Nothing was saved by testing.
  await page.reload();
  await expect(page.locator("#f-smtp-port")).not.toHaveValue(String(port));
});
