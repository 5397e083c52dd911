// The mail flow in Korean (issue 17): the dashboard's sending verdict, the outbox, a message's
// page, the mail log, the mailbox and the recipients (list, and a form with a validation error)
// speak Korean to a user who chose 한국어 — and no English UI string is left on them. A message is
// sent through the API first (key from the CLI) to a test SMTP server, so every page has content.
import { test, expect as baseExpect } from "../fixtures/test";
import { koreanPage } from "../fixtures/korean";
import { expectNoEnglishUi } from "../fixtures/english-sweep";
import { startTestSmtpServer } from "../../lib/testing/smtp";
import { bearer, createKey, messageStatus, pointMailServiceAt } from "../sending/helpers";

// Conditions, not fixed waits: a bcrypt sign-in plus a page render can take >10 s on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });
const HEADLINES = ["메일을 보낼 수 있습니다", "메일이 발송되지만 문제가 있습니다", "메일을 보낼 수 없습니다"];

test.describe.configure({ mode: "serial" });

test("the mail flow screens in Korean: dashboard verdict, outbox, message, mail log, mailbox, recipients", async ({ browser, request }) => {
  test.setTimeout(180_000);
  // Addresses starting with "later" get a 4xx: that message waits for a retry (failed), so the
  // dashboard's verdict has a reason to give; the spec cancels it on its page.
  const smtp = await startTestSmtpServer({ rejectRecipients: (a) => (a.startsWith("later") ? "451 4.3.0 Try again later" : null) });
  pointMailServiceAt(smtp.port);
  const u = Date.now().toString(36);
  const key = createKey(`e2e korean mail ${u}`, "send");
  const subject = `주간 알림 ${u}`;
  const res = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: `minji-${u}@example.com`, subject, text: "본문입니다." } });
  expect(res.status()).toBe(202);
  const id = ((await res.json()) as { messages: { id: string }[] }).messages[0]!.id;
  await expect.poll(async () => (await messageStatus(request, key, id)).status, { timeout: 30_000 }).toBe("sent");
  const later = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: `later-${u}@example.com`, subject: `재시도 알림 ${u}`, text: "본문입니다." } });
  expect(later.status()).toBe(202);
  const failedId = ((await later.json()) as { messages: { id: string }[] }).messages[0]!.id;
  await expect.poll(async () => (await messageStatus(request, key, failedId)).status, { timeout: 30_000 }).toBe("failed");

  const { page, ctx } = await koreanPage(browser);
  try {
    // Dashboard: the sending verdict's headline (and any reasons) in Korean.
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "대시보드" })).toBeVisible();
    const verdict = page.getByTestId("sending-verdict");
    await expect(verdict).toBeVisible();
    expect(HEADLINES).toContain((await verdict.innerText()).trim());
    // The waiting message is one of its reasons, with the link to fix it, in Korean.
    const reasons = page.getByTestId("sending-reasons");
    await expect(reasons).toContainText(/메시지 \d+개가 실패한 시도 후 재시도를 기다리고 있습니다\./);
    await expect(reasons.getByRole("link", { name: "발신함에서 보기" }).first()).toHaveAttribute("href", /^\/outbox\?status=(failed|dead)$/);
    await expect(page.getByTestId("sending-status")).toContainText("발송 경로");
    await expectNoEnglishUi(page);

    // Outbox: headings, filter, the status words and the sent message — filtered to this spec's
    // two messages: other specs' subjects are people's data in whatever language (one is "Chart").
    await page.goto(`/outbox?recipient=${u}`);
    await expect(page.getByRole("heading", { name: "발신함", exact: true })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "상태별 메시지" })).toBeVisible();
    await expect(page.getByRole("form", { name: "메시지 필터" }).getByRole("button", { name: "필터" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "재시도 정책" })).toBeVisible();
    const row = page.getByTestId("outbox-row").filter({ hasText: subject });
    await expect(row).toContainText("발송됨");
    await expect(page.getByTestId("outbox-row").filter({ hasText: `재시도 알림 ${u}` })).toContainText("실패");
    await expectNoEnglishUi(page);

    // The message's page: delivery facts, the attempt, its SMTP session.
    await row.getByRole("link", { name: subject }).click();
    await expect(page.getByRole("heading", { name: subject })).toBeVisible();
    await expect(page.getByRole("heading", { name: "발송 정보" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "시도 기록" })).toBeVisible();
    await expect(page.getByTestId("attempt").first()).toContainText("1번째 시도");
    await expect(page.getByTestId("mail-log-link")).toHaveText("SMTP 세션 1개");
    await expect(page).toHaveTitle("발신함 메시지 · Herald");
    await expectNoEnglishUi(page);

    // The waiting message's page: cancelled from there, in Korean.
    await page.goto(`/outbox/${failedId}`);
    await expect(page.getByRole("button", { name: "지금 재시도" })).toBeVisible();
    await page.getByRole("button", { name: "취소", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "취소했습니다." })).toBeVisible();
    await expect(page.locator("dl").getByText("취소됨", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "재시도", exact: true })).toBeVisible();
    await expectNoEnglishUi(page);
    await page.goto(`/outbox/${id}`);

    // The mail log, filtered to the message's sessions.
    await page.getByTestId("mail-log-link").click();
    await expect(page.getByRole("heading", { name: "메일 로그" })).toBeVisible();
    await expect(page.getByTestId("mail-log-filter")).toContainText("의 SMTP 세션입니다.");
    const entry = page.getByTestId("mail-log-entry").first();
    await expect(entry).toContainText("성공");
    await expect(entry).toContainText("발신함");
    await entry.locator("summary").click();
    await expect(entry).toContainText("서버 응답:");
    await expectNoEnglishUi(page);

    // The mailbox: with the sandbox on, a second message lands there and is shown in Korean.
    await page.goto("/mailbox");
    await expect(page.getByRole("heading", { name: "메일함" })).toBeVisible();
    const sandbox = page.getByRole("switch", { name: /샌드박스/ });
    if (!(await sandbox.isChecked())) await sandbox.click();
    await expect(sandbox).toBeChecked();
    try {
      const caught = `샌드박스 알림 ${u}`;
      const r = await request.post("/api/v1/mail", { headers: bearer(key), data: { to: `sora-${u}@example.com`, subject: caught, text: "텍스트 본문", html: "<p>HTML 본문</p>" } });
      expect(r.status()).toBe(202);
      await expect(async () => {
        await page.reload();
        await expect(page.getByTestId("mailbox-item").filter({ hasText: caught })).toBeVisible({ timeout: 500 });
      }).toPass({ timeout: 20_000 });
      await page.getByTestId("mailbox-item").filter({ hasText: caught }).click();
      await expect(page.getByRole("heading", { name: caught })).toBeVisible();
      await expect(page.getByRole("tab", { name: "텍스트" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "본문" })).toBeVisible();
      await expect(page.getByText(/127\.0\.0\.1:\d+에서 수신 대기 중입니다/)).toBeVisible();
      await expectNoEnglishUi(page);
    } finally {
      // Later specs send to their own SMTP servers: never leave the sandbox on.
      await page.goto("/mailbox");
      const s = page.getByRole("switch", { name: /샌드박스/ });
      if (await s.isChecked()) await s.click();
      await expect(s).not.toBeChecked();
    }

    // Recipients: the list, then the form with a validation error in Korean.
    await page.goto("/recipients");
    await expect(page.getByRole("heading", { name: "수신자", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "수신자 추가" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "CSV에서 가져오기" })).toBeVisible();
    await expectNoEnglishUi(page);

    await page.getByRole("link", { name: "수신자 추가" }).click();
    await expect(page.getByRole("heading", { name: "수신자 추가" })).toBeVisible();
    await page.getByLabel("ID", { exact: true }).fill(`minji-${u}`);
    await page.getByLabel("이메일", { exact: true }).fill(`minji-${u}@example.com`);
    await page.getByLabel("경로", { exact: true }).fill("content/site");
    await page.getByRole("button", { name: "수신자 만들기" }).click();
    await expect(page.getByText("비워 둘 수 없습니다")).toBeVisible();
    await expect(page.getByText('"/"로 시작해야 합니다(예: /content/site)')).toBeVisible();
    await expectNoEnglishUi(page);
    await page.screenshot({ path: "test-results/korean-mail-recipient.png", fullPage: true });
  } finally {
    await ctx.close();
    await smtp.stop();
  }
});
