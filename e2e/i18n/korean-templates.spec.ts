// The template pages in Korean (issue 17): the list, the text editor, the HTML and layout editors
// and a sent preview speak Korean to a user who chose 한국어; a lint finding the editor shows while
// typing (an unknown ${variable}) is Korean too, while the template's own text, variable names and
// Properties keys stay exactly as written. Its own user (koreanPage), so no other spec's language
// changes.
import type { Page } from "@playwright/test";
import { test, expect as baseExpect } from "../fixtures/test";
import { koreanPage } from "../fixtures/korean";
import { expectNoEnglishUi } from "../fixtures/english-sweep";
import { importConfig, MAIL_SERVICE } from "../sending/helpers";
import { builtInMailboxPort } from "../console/helpers";

// Conditions, not fixed waits: a page with the editor can take seconds on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 240_000 });

/** The cursor at the end of the line containing `text` (CodeMirror renders lines near its viewport only). */
async function cursorToEndOf(page: Page, text: string) {
  await page.locator(".cm-content").click();
  await page.keyboard.press("ControlOrMeta+Home");
  for (let i = 0; i < 400; i++) {
    const active = (await page.locator(".cm-activeLine").first().textContent()) ?? "";
    if (active.includes(text)) {
      await page.keyboard.press("End");
      return;
    }
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`no line contains ${text}`);
}

test("the template list, the editor with a lint warning, the HTML and layout editors in Korean", async ({ browser }) => {
  const { page, ctx } = await koreanPage(browser);

  await page.goto("/templates");
  await expect(page.getByRole("heading", { level: 1, name: "템플릿" })).toBeVisible();
  await expect(page).toHaveTitle("템플릿 · Herald");
  await expect(page.getByRole("columnheader", { name: "유형" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: /^워크플로/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "HTML 이메일 레이아웃" })).toBeVisible();
  await expect(page.getByRole("form", { name: "언어 추가" }).getByLabel("언어 코드(ISO 639-1)")).toBeVisible();
  // Language names through the reader's locale; file names and the format's name as written.
  await expect(page.getByTestId("layout-links")).toContainText("독일어 (de)");
  await expect(page.getByText("java.util.Properties").first()).toBeVisible();
  await expectNoEnglishUi(page);
  // The add-language form explains a wrong code in Korean.
  const form = page.getByRole("form", { name: "언어 추가" });
  await form.getByLabel("언어 코드(ISO 639-1)").fill("xx");
  await expect(form.getByText('"xx"은(는) ISO 639-1 언어 코드가 아닙니다.')).toBeVisible();
  await form.getByLabel("언어 코드(ISO 639-1)").fill("es");
  await expect(form.getByText("스페인어 (Español)")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("ko-template-list.png"), fullPage: true });

  await page.getByRole("link", { name: "워크플로, 독일어 (de): 기본값" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "워크플로 · 독일어(de)" })).toBeVisible();
  await expect(page.getByTestId("template-status")).toHaveText("기본값");
  await expect(page.getByRole("button", { name: /^저장/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "내게 미리 보기 보내기" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^템플릿 파일/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^미리 보기/ })).toBeVisible();
  await expect(page.getByText("이 템플릿을 받는 수신자")).toBeVisible();
  await expect(page.getByTestId("lint-summary")).toHaveText("문제 없음.");
  // The template's own text is content: it stays German.
  await expect(page.getByTestId("preview-subject")).toHaveText("Workflow-Benachrichtigung: NodeTransition");
  // Which template a recipient gets, explained in Korean.
  await page.getByLabel("수신자 언어 확인").fill("pt");
  await expect(page.getByTestId("resolution-result")).toHaveText('영어 (en) 템플릿을 받음 — "pt" 템플릿이 없습니다. "en" 템플릿을 사용합니다.');
  // Variable descriptions in Korean, variable names as written.
  await page.getByText("워크플로 템플릿 변수").click();
  await expect(page.getByText("참가자의 이름")).toBeVisible();
  await expect(page.getByRole("button", { name: "커서 위치에 ${participant.name} 삽입" })).toBeVisible();
  await expectNoEnglishUi(page);

  // An unknown variable: a lint warning, in Korean, naming the variable as written.
  // (The line ends in "\n\": the new text goes before that, as in e2e/templates/editor.spec.ts.)
  await cursorToEndOf(page, "Schritt: ${item.node.title}");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(" (${item.nodeTitle})");
  await expect(page.getByTestId("lint-summary")).toHaveText("경고 1개.");
  const problems = page.getByRole("list", { name: "템플릿의 문제" });
  await expect(problems.getByTestId("lint-severity")).toHaveText("경고");
  await expect(problems.getByTestId("lint-message")).toHaveText(
    "알 수 없는 변수 ${item.nodeTitle}: 워크플로 템플릿의 변수가 아니므로 쓴 그대로 발송됩니다. 혹시 ${item.node.title}입니까?",
  );
  await expect(page.getByTestId("unsaved-badge")).toHaveText("저장하지 않은 변경 내용");
  // The editor's own mark says the same in Korean.
  await page.locator(".cm-lintRange-warning").first().hover();
  await expect(page.locator(".cm-tooltip-lint")).toContainText("알 수 없는 변수 ${item.nodeTitle}");
  await expectNoEnglishUi(page);
  await page.screenshot({ path: test.info().outputPath("ko-template-editor.png"), fullPage: true });
  for (let i = 0; i < " (${item.nodeTitle})".length; i++) await page.keyboard.press("Backspace");
  await expect(page.getByTestId("lint-summary")).toHaveText("문제 없음.");

  // The HTML side of the same template.
  await page.getByTestId("format-switch").getByRole("link", { name: "HTML(de.html)" }).click();
  await expect(page.getByTestId("html-status")).toHaveText("기본값");
  await expect(page.getByRole("button", { name: "HTML 저장" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^HTML 본문/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "데스크톱" })).toBeVisible();
  await expect(page.getByRole("button", { name: "모바일(390px)" })).toBeVisible();
  await expect(page.getByText("원격 이미지 불러오기")).toBeVisible();
  await expectNoEnglishUi(page);
  await page.screenshot({ path: test.info().outputPath("ko-template-html.png"), fullPage: true });

  // The shared layout of that language.
  await page.getByTestId("format-switch").getByRole("link", { name: "공유 레이아웃(de)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "이메일 레이아웃 · 독일어(de)" })).toBeVisible();
  await expect(page).toHaveTitle("이메일 레이아웃 · 독일어 · Herald");
  await expect(page.getByRole("heading", { name: /^레이아웃/ })).toBeVisible();
  await expect(page.getByTestId("html-status")).toHaveText("기본값");
  await expectNoEnglishUi(page);
  await ctx.close();
});

test("a preview sent to oneself, and its page, in Korean", async ({ browser, adminPage }) => {
  const port = await builtInMailboxPort(adminPage);
  importConfig(MAIL_SERVICE, { "smtp.host": "127.0.0.1", "smtp.port": port, "from.address": "herald@example.com" });
  const { page, ctx, email } = await koreanPage(browser);
  await page.goto("/templates/page/en");
  await page.getByRole("button", { name: "내게 미리 보기 보내기" }).click();
  await expect(page.getByText(`${email}(으)로 미리 보기를 보냈습니다`)).toBeVisible();
  const link = page.getByTestId("sent-preview-link");
  await expect(link).toHaveText(/^보낸 미리 보기 열기\(#\d+\)$/);
  await expectNoEnglishUi(page);
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: /^보낸 미리 보기 #\d+$/ })).toBeVisible();
  await expect(page).toHaveTitle("보낸 미리 보기 · Herald");
  await expect(page.getByText("내게 보낸 미리 보기를 Herald의 기본 제공 메일함이 받은 그대로 보여 줍니다.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "이동 경로" }).getByRole("link", { name: "템플릿" })).toBeVisible();
  await expect(page.getByTestId("mail-to")).toContainText(email);
  // The message itself is shown by the Mailbox's mail view (components/mailbox), which the
  // Mailbox's own Korean spec sweeps; this page's own texts are swept here.
  await page.getByTestId("mailbox-message").evaluate((el) => el.remove());
  await expectNoEnglishUi(page);
  await ctx.close();
});
