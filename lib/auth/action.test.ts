// The server-action wrapper on a real database and a real session cookie: who may call, the
// arguments parsed by the action's schema, and errors turned into the result the forms read.
import { describe, it, expect, beforeAll, beforeEach } from "vitest";
import { z } from "zod";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { signedInAs } from "@/lib/testing/session";
import { AppError } from "@/lib/errors";
import { inviteSchema } from "@/lib/validations/user";
import { sessionUserFromRequest } from "./session";
import { actionFor, missingArgument } from "./action";

const fromCookie = (cookie: string | null) => () =>
  sessionUserFromRequest(new Request("http://herald.test/", { headers: cookie ? { cookie } : {} }));

/** Next's auth interrupts carry their status in the digest. */
const interrupt = (status: number) => expect.objectContaining({ digest: `NEXT_HTTP_ERROR_FALLBACK;${status}` });

describe("action()", { timeout: 60_000 }, () => {
  let admin: string;
  let author: string;
  let calls: unknown[];

  beforeAll(() => {
    // Set by next.config's experimental.authInterrupts in the app.
    process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  });

  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
    admin = (await signedInAs("admin")).cookie;
    author = (await signedInAs("author")).cookie;
    calls = [];
  });

  const invite = (cookie: string | null) =>
    actionFor(fromCookie(cookie), "admin", z.tuple([inviteSchema]), async (me, [input]) => {
      calls.push(input);
      return { ok: true as const, data: { by: me.email, email: input.email } };
    });

  const good = { name: "New Person", email: " New@Example.com ", role: "author", language: "en" };

  it("refuses a caller without a session (401), without the role or a finished sign-in (403); the action never runs", async () => {
    await expect(invite(null)(good)).rejects.toEqual(interrupt(401));
    await expect(invite("next-auth.session-token=forged")(good)).rejects.toEqual(interrupt(401));
    await expect(invite(author)(good)).rejects.toEqual(interrupt(403));
    const pending = (await signedInAs("admin", "pending@example.com", { stage: "second-factor" })).cookie;
    await expect(invite(pending)(good)).rejects.toEqual(interrupt(403));
    expect(calls).toEqual([]);
    expect(await invite(admin)(good)).toEqual({ ok: true, data: { by: "admin@example.com", email: "new@example.com" } });
  });

  it("parses the arguments: bad fields come back by name, and the action never sees them", async () => {
    const r = await invite(admin)({ ...good, email: "not an address", role: "owner" });
    expect(r).toMatchObject({ ok: false, message: "Check the highlighted fields." });
    expect(r.ok === false && r.fieldErrors).toEqual({ email: ["Enter a valid email address"], role: ["Choose admin or author"] });
    expect(calls).toEqual([]);
  });

  it("a bad plain argument gives its schema's message, a fixed message, or one naming the argument", async () => {
    const byId = (opts = {}) => actionFor(fromCookie(admin), "any", z.tuple([z.string({ error: "No user given." })]), async () => ({ ok: true as const }), opts);
    expect(await byId()(42)).toEqual({ ok: false, message: "No user given." });
    expect(await byId({ invalid: "Choose admin or author." })(42)).toEqual({ ok: false, message: "Choose admin or author." });
    const save = actionFor(fromCookie(author), "any", z.tuple([z.string(), z.string()]), async () => ({ ok: true as const }), { invalid: missingArgument(["family", "lang"]) });
    expect(await save("page", undefined)).toEqual({ ok: false, message: "lang is missing.", fieldErrors: { lang: ["Required."] } });
  });

  it("maps an AppError to the result, and anything else to a message that leaks nothing", async () => {
    const failing = (e: Error) => actionFor(fromCookie(author), "any", z.tuple([]), async () => {
      throw e;
    });
    expect(await failing(new AppError("conflict", "You cannot remove yourself.", { id: ["is you"] }))()).toEqual({
      ok: false,
      message: "You cannot remove yourself.",
      fieldErrors: { id: ["is you"] },
    });
    expect(await failing(new Error("SQLITE_BUSY at /var/lib/herald/herald.db"))()).toEqual({ ok: false, message: "Something went wrong on the server." });
  });
});
