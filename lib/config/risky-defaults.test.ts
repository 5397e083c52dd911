// AEM defaults that break real mail are pointed at only once a real SMTP server is configured,
// and only while each still holds its default. Real database (fresh SQLite file).
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { useFreshDataDir } from "@/lib/testing/temp-data";
import { closeConnections } from "@/lib/testing/db";
import { saveServiceConfig } from "./store";
import { EMAIL_CHANNEL_PID, MAIL_SERVICE_PID } from "./services";
import { riskyDefaults } from "./risky-defaults";

describe("AEM defaults that break real mail", () => {
  beforeEach(async () => {
    useFreshDataDir();
    await closeConnections();
  });
  afterEach(() => closeConnections());

  it("none while mail goes to the built-in mailbox; each default still in place once a server is set; gone when changed", async () => {
    expect(await riskyDefaults()).toEqual([]);
    await saveServiceConfig(MAIL_SERVICE_PID, { "smtp.host": "smtp.example.org", "smtp.port": 587, "from.address": "herald@example.org" }, { actor: "ada@herald.test" });
    const all = await riskyDefaults();
    expect(all.map((r) => `${r.key}=${r.value}`).sort()).toEqual(["email.from=no-reply@acme.com", "from.address=workflow-process-service@acme.com", "host.prefix=http://localhost:4502"]);
    expect(all.find((r) => r.key === "email.from")?.href).toBe(`/configuration/${EMAIL_CHANNEL_PID}#f-email-from`);
    await saveServiceConfig(EMAIL_CHANNEL_PID, { "email.from": "Herald <notify@example.org>" }, { actor: "ada@herald.test" });
    expect((await riskyDefaults()).map((r) => r.key).sort()).toEqual(["from.address", "host.prefix"]);
  });
});
