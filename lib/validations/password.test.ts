import { describe, it, expect } from "vitest";
import { passwordProblem, newPasswordSchema } from "./password";
import { setupSchema, changePasswordSchema } from "./user";

const me = { email: "ada.lovelace@example.com", name: "Ada Lovelace" };

// The first check loads the dictionaries (a few seconds on a busy machine).
describe("password policy", { timeout: 60_000 }, () => {
  it.each([
    ["short", /at least 12 characters/],
    ["password1234", /Too easy to guess: This is similar to a commonly used password/],
    ["Password123!", /Too easy to guess/],
    ["qwertyuiop123", /Too easy to guess/],
    ["iloveyou1234", /Too easy to guess/],
    ["letmein12345", /Too easy to guess/],
    ["aaaaaaaaaaaaaaaa", /Too easy to guess/],
    ["ada.lovelace@example.com!", /must not contain your email/i],
    ["xx-Ada.Lovelace-2026", /must not contain your email/i],
    ["LovelaceRocks!2026", /must not contain your name/i],
  ])("refuses %j and says why", async (password, why) => {
    expect(await passwordProblem(password, me)).toMatch(why);
  });

  it.each(["correct-horse-battery", "kq7Rm2xPz9Lw", "blue-river-stone-42", "typewriter-ribbon-42"])("accepts %j", async (password) => {
    expect(await passwordProblem(password, me)).toBeNull();
  });

  it("the same rule in every schema that takes a new password, reported on the password field", async () => {
    const setup = await setupSchema.safeParseAsync({ name: "Ada Lovelace", email: "ada@example.com", password: "password1234", confirm: "password1234" });
    expect(setup.success).toBe(false);
    expect(setup.error!.issues.find((i) => i.path[0] === "password")?.message).toMatch(/Too easy to guess/);

    const change = await changePasswordSchema.safeParseAsync({ current: "x", password: "adalovelace-secret", confirm: "adalovelace-secret", ...me });
    expect(change.error!.issues.find((i) => i.path[0] === "password")?.message).toMatch(/must not contain/i);

    const cli = await newPasswordSchema.safeParseAsync({ ...me, password: "qwertyuiop123" });
    expect(cli.success).toBe(false);
    expect((await newPasswordSchema.safeParseAsync({ ...me, password: "correct-horse-battery" })).success).toBe(true);
  });

  it("temporary passwords from invitations and resets pass the policy", async () => {
    const { temporaryPassword } = await import("@/lib/auth/password");
    for (let i = 0; i < 20; i++) expect(await passwordProblem(temporaryPassword(), me)).toBeNull();
  });
});
