// The administration screens in Korean (issue 17): API keys (the form, the one-time key, the
// list), the API page, users (a validation error from the shared schema and one from the server),
// the audit log (stable event codes with Korean descriptions), and the pages around sign-in and
// errors — each swept for English UI text. Its own users, so nothing of other specs changes.
import { test, expect as baseExpect } from "../fixtures/test";
import { koreanPage, newClient } from "../fixtures/korean";
import { expectNoEnglishUi } from "../fixtures/english-sweep";

// Conditions, not fixed waits: a bcrypt sign-in plus a page render can take >10 s on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });

test("API keys and the API page in Korean: create a key, see it once, find it in the list, revoke it", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, ctx } = await koreanPage(browser);
  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { name: "API 키", exact: true })).toBeVisible();
  await expect(page).toHaveTitle("API 키 · Herald");
  await expect(page.getByRole("heading", { name: "API 키 만들기" })).toBeVisible();
  await expect(page.getByText("분당 요청 수")).toBeVisible();
  await expectNoEnglishUi(page);

  // The shared schema's error, in Korean, before anything is sent.
  await page.getByRole("button", { name: "키 만들기" }).click();
  await expect(page.getByText("이름을 입력하세요(예: 이 키를 사용할 시스템).")).toBeVisible();
  await expectNoEnglishUi(page);

  const name = `한국어 키 ${Date.now().toString(36)}`;
  await page.getByLabel("이름").fill(name);
  await page.getByRole("button", { name: "키 만들기" }).click();
  await expect(page.getByText(`“${name}” 키를 만들었습니다. 키는 한 번만 표시되므로 지금 복사하세요`)).toBeVisible();
  const key = (await page.getByTestId("new-api-key").innerText()).trim();
  expect(key).toMatch(/^hrld_/);
  await expect(page.getByText("Herald는 키의 SHA-256 해시만 보관하므로 다시 표시할 수 없습니다.", { exact: false })).toBeVisible();
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toContainText(key.slice(0, 13));
  await expect(row).toContainText("없음"); // never used
  await expect(row).toContainText("분당");
  await expectNoEnglishUi(page);

  page.once("dialog", (d) => {
    expect(d.message()).toContain("키를 폐기하시겠습니까?");
    void d.accept();
  });
  await row.getByRole("button", { name: "폐기" }).click();
  await expect(page.getByText(`“${name}” 키를 폐기했습니다.`)).toBeVisible();
  await expect(row).toContainText("폐기됨");
  await expectNoEnglishUi(page);

  // The API page: explanations in Korean, paths, headers and JSON as the API has them.
  await page.goto("/api");
  await expect(page.getByRole("heading", { name: "API", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "응답" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "예제" })).toBeVisible();
  await expect(page.getByText("페이지 이벤트", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "직접 실행" })).toBeVisible();
  await expectNoEnglishUi(page);
  await page.getByRole("button", { name: /GET\s*\/recipients\/\{id\}/ }).click();
  await expect(page.getByText("수신자 조회", { exact: true })).toBeVisible();
  await expect(page.getByLabel("경로 매개변수 id")).toBeVisible();
  await expectNoEnglishUi(page);
  await ctx.close();
});

test("users and the audit log in Korean: validation errors, a new user, its audit event", async ({ browser }) => {
  test.setTimeout(120_000);
  const { page, ctx, email: me } = await koreanPage(browser);
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "사용자", exact: true })).toBeVisible();
  await expect(page).toHaveTitle("사용자 · Herald");
  await expect(page.getByRole("row", { name: new RegExp(me.replace(/[.+]/g, "\\$&")) })).toContainText("나");
  await expectNoEnglishUi(page);

  // Errors of the shared schema, in Korean.
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "사용자 만들기" }) });
  await form.getByLabel("이메일").fill("not-an-address");
  await form.getByLabel("언어").fill("x");
  await form.getByRole("button", { name: "사용자 만들기" }).click();
  await expect(form.getByText("이름을 입력하세요")).toBeVisible();
  await expect(form.getByText("올바른 이메일 주소를 입력하세요")).toBeVisible();
  await expect(form.getByText("en, de 같은 두 글자 언어 코드를 입력하세요")).toBeVisible();
  await expectNoEnglishUi(page);

  // An error only the server knows (the address is taken), in Korean too.
  await form.getByLabel("이름").fill("Park Jiwoo");
  await form.getByLabel("이메일").fill(me);
  await form.getByLabel("언어").fill("ko");
  await form.getByRole("button", { name: "사용자 만들기" }).click();
  await expect(page.locator("#invite-email-error")).toHaveText("이 이메일을 사용하는 사용자가 이미 있습니다");

  const invitee = `ko-invitee-${Date.now().toString(36)}@herald.test`;
  await form.getByLabel("이메일").fill(invitee);
  await form.getByLabel("역할", { exact: true }).selectOption("author");
  await form.getByRole("button", { name: "사용자 만들기" }).click();
  await expect(page.getByText(`${invitee} 사용자를 만들었습니다`)).toBeVisible();
  await expect(page.getByTestId("temp-password")).toBeVisible();
  await expect(page.getByRole("button", { name: "임시 비밀번호 복사" }).first()).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(invitee.replace(/[.+]/g, "\\$&")) });
  await expect(row).toContainText("임시 비밀번호");
  await expect(row.getByRole("button", { name: "비밀번호 재설정" })).toBeVisible();
  await expectNoEnglishUi(page);
  await page.screenshot({ path: "test-results/korean-users.png", fullPage: true });

  // The audit log: the stable event code as recorded, its description in Korean.
  await page.goto("/audit?action=user");
  await expect(page.getByRole("heading", { name: "감사 로그" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "필터" }).getByRole("link", { name: "사용자" })).toHaveAttribute("aria-current", "true");
  const event = page.getByRole("row").filter({ hasText: invitee }).first();
  await expect(event.locator("td").nth(2)).toHaveText("user.create");
  await expect(event.getByTestId("audit-event")).toHaveText("사용자 생성");
  await expect(page.getByText(/^\d+페이지 중 1페이지 · 이벤트 \d+개/)).toBeVisible();
  await expectNoEnglishUi(page);
  await page.goto("/audit");
  await expect(page.getByRole("columnheader", { name: "이벤트" })).toBeVisible();
  await expectNoEnglishUi(page);

  // A page that does not exist.
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "페이지를 찾을 수 없습니다" })).toBeVisible();
  await expect(page.getByRole("link", { name: "대시보드로 돌아가기" })).toBeVisible();
  await expectNoEnglishUi(page);
  await ctx.close();
});

test("an author in Korean is refused the admin pages in Korean", async ({ browser }) => {
  test.setTimeout(90_000);
  const { page, ctx } = await koreanPage(browser, "author");
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "이 페이지에 접근할 권한이 없습니다" })).toBeVisible();
  await expect(page.getByText("Herald의 이 영역은 관리자 전용입니다. 필요하면 관리자에게 요청하세요.")).toBeVisible();
  await expectNoEnglishUi(page);
  // Authors read the API page, without the form.
  await page.goto("/api");
  await expect(page.getByText("이 페이지에서 요청을 보낼 수 있는 사용자는 관리자뿐입니다.")).toBeVisible();
  await expectNoEnglishUi(page);
  await ctx.close();
});

test("before sign-in, the signed-out, refusal and not-found pages follow Accept-Language", async ({ browser }) => {
  const ctx = await newClient(browser, "ko-KR");
  const page = await ctx.newPage();
  await page.goto("/login/signed-out");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { name: "Herald에서 로그아웃했습니다" })).toBeVisible();
  await expect(page.getByRole("link", { name: "다시 로그인" })).toBeVisible();
  await expect(page).toHaveTitle("로그아웃됨 · Herald");
  await expectNoEnglishUi(page);

  await page.goto("/login/refused?reason=domain");
  await expect(page.getByRole("heading", { name: "Herald에 로그인할 수 없습니다" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("이메일 주소가 이 콘솔을 사용할 수 있는 도메인에 속하지 않습니다.");
  await expect(page.getByRole("link", { name: "로그인 화면으로 돌아가기" })).toBeVisible();
  await expectNoEnglishUi(page);
  await page.goto("/login/refused?reason=whatever");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Herald가 이 로그인을 거부했습니다.");
  await expectNoEnglishUi(page);
  await ctx.close();
});
