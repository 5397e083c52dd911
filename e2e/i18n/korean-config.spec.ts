// Configuration in Korean (issue 17): the list of services, the Mail Service form, its history and
// the import page speak Korean — AEM's service names, PIDs and property keys stay as AEM shows
// them, with the Korean label beside — and a value the Mail Service refuses is explained in Korean
// next to its field. Nothing here saves a configuration, so the other specs' services are untouched.
import { test, expect as baseExpect } from "../fixtures/test";
import { koreanPage } from "../fixtures/korean";
import { expectNoEnglishUi } from "../fixtures/english-sweep";

const expect = baseExpect.configure({ timeout: 30_000 });
const PID = "com.day.cq.mailer.DefaultMailService";

test("the configuration pages in Korean, and a refused Mail Service value explained in Korean", async ({ browser }) => {
  // Five pages, each swept for English, after a bcrypt sign-in: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const { page, ctx } = await koreanPage(browser);
  try {
    await page.goto("/configuration");
    await expect(page.getByRole("heading", { name: "구성", exact: true })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "서비스" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Day CQ Mail Service(메일 서비스)" })).toBeVisible();
    await expect(page.getByRole("link", { name: "가져오기…" })).toBeVisible();
    await expectNoEnglishUi(page);

    await page.getByRole("link", { name: "Day CQ Mail Service(메일 서비스)" }).click();
    await expect(page.getByRole("heading", { name: "Day CQ Mail Service(메일 서비스)" })).toBeVisible();
    await expect(page.getByLabel("SMTP 서버 포트")).toBeVisible();
    await expect(page.getByText("smtp.port", { exact: true })).toHaveAttribute("translate", "no");
    await expect(page.getByRole("button", { name: "저장", exact: true })).toBeDisabled();
    await expectNoEnglishUi(page);

    // Refused in the browser by the same rules the server applies; the messages are the catalog's.
    await page.getByLabel("SMTP 서버 호스트 이름").fill("127.0.0.1");
    await page.getByLabel("SMTP 서버 포트").fill("24");
    await page.getByLabel("발신자 주소(From)").fill("not-an-address");
    await page.getByRole("button", { name: "저장", exact: true }).click();
    await expect(page.locator("#f-smtp-port-error")).toHaveText("SMTP 서버 포트 값은 25~65535 사이여야 합니다.");
    await expect(page.locator("#f-from-address-error")).toHaveText(
      '발신자 주소(From) 값이 올바른 이메일 주소가 아닙니다: "@"가 없습니다. name@example.com 또는 Name <name@example.com> 형식으로 입력하세요.',
    );
    const summary = page.getByRole("alert").filter({ hasText: "저장하지 않았습니다" });
    await expect(summary).toContainText("SMTP 서버 포트 값은 25~65535 사이여야 합니다.");
    await expect(page.getByText("저장하지 않은 변경 사항")).toBeVisible();
    await expectNoEnglishUi(page);
    await page.locator("#f-smtp-port").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/korean-config-refused.png" });
    await page.getByRole("button", { name: "변경 취소" }).click();

    await page.goto(`/configuration/${PID}/history`);
    await expect(page.getByRole("heading", { name: "Day CQ Mail Service(메일 서비스) 기록" })).toBeVisible();
    await expect(page.getByText("저장된 모든 버전을 최신순으로 표시합니다.", { exact: false })).toBeVisible();
    await expectNoEnglishUi(page);

    await page.goto("/configuration/import");
    await expect(page.getByRole("heading", { name: "구성 가져오기" })).toBeVisible();
    await expect(page.getByLabel("구성 파일")).toBeVisible();
    await page.getByRole("button", { name: "변경 내용 미리 보기" }).click();
    await expect(page.getByText(".cfg.json, .xml, .config 또는 .zip 파일을 선택하세요.")).toBeVisible();
    await expectNoEnglishUi(page);
    await page.screenshot({ path: "test-results/korean-config-import.png", fullPage: true });

    // A file previewed: its changes and problems in Korean, keys and names as AEM writes them.
    await page.getByLabel("구성 파일").setInputFiles({
      name: `${PID}.cfg.json`,
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ "smtp.host": "smtp.example.com", "smtp.port": 24, "from.address": "a@example.com", "smtp.hots": "x" })),
    });
    await page.getByRole("button", { name: "변경 내용 미리 보기" }).click();
    const plan = page.getByTestId("import-plan");
    await expect(page.getByText("적용할 수 없음", { exact: true })).toBeVisible();
    await expect(plan).toContainText("SMTP 서버 포트 값은 25~65535 사이여야 합니다.");
    await expect(plan).toContainText('"smtp.hots"은(는) Day CQ Mail Service의 설정이 아닙니다. "smtp.host"을(를) 입력하려고 하셨나요?');
    // Against what is stored: blank on a fresh database, the English specs' values after them.
    await expect(plan).toContainText(/SMTP 서버 호스트 이름: .+ → smtp\.example\.com/);
    await expect(page.getByRole("button", { name: "가져오기 적용" })).toBeDisabled();
    await expectNoEnglishUi(page);

    await page.goto(`/configuration/${PID}`);
    await page.screenshot({ path: "test-results/korean-config-mail-service.png", fullPage: true });
  } finally {
    await ctx.close();
  }
});
