import { describe, expect, it } from "vitest";
import { DAM_COLLECTION_PID, EMAIL_CHANNEL_PID, MAIL_SERVICE_PID, OAUTH_PROVIDER_PID } from "./services";
import { crossServiceErrors, validateAll, validateService } from "./validate";

const MAIL = {
  "smtp.host": "smtp.office365.com",
  "smtp.port": 587,
  "smtp.user": "mailbox@contoso.com",
  "from.address": "mailbox@contoso.com",
  "smtp.starttls": true,
};

const OAUTH = {
  authUrl: "https://login.microsoftonline.com/t/oauth2/v2.0/authorize",
  tokenUrl: "https://login.microsoftonline.com/t/oauth2/v2.0/token",
  clientId: "client",
  scopes: ["https://outlook.office365.com/SMTP.Send"],
};

describe("validateService", () => {
  it("fills defaults for missing fields and returns the cleaned values", () => {
    const r = validateService(MAIL_SERVICE_PID, { "smtp.host": " h.example.com ", "from.address": "a@b.co" });
    expect(r).toEqual({
      ok: true,
      values: {
        "smtp.host": "h.example.com",
        "smtp.port": 25,
        "smtp.user": "",
        "smtp.password": "",
        "from.address": "a@b.co",
        "smtp.ssl": false,
        "smtp.starttls": false,
        "smtp.requiretls": false,
        "debug.email": false,
        "oauth.flow": false,
      },
    });
  });

  it("without defaults, missing fields are reported as required", () => {
    const r = validateService(EMAIL_CHANNEL_PID, {}, { fillDefaults: false });
    expect(r).toEqual({ ok: false, fieldErrors: { "email.from": ["Sender address is required."] }, formErrors: [] });
  });

  it("coerces unambiguous strings only when asked", () => {
    expect(validateService(MAIL_SERVICE_PID, { ...MAIL, "smtp.port": "587", "smtp.ssl": "false" }).ok).toBe(false);
    const r = validateService(MAIL_SERVICE_PID, { ...MAIL, "smtp.port": "587", "smtp.ssl": "false" }, { coerce: true });
    expect(r.ok && r.values["smtp.port"]).toBe(587);
    const bad = validateService(MAIL_SERVICE_PID, { ...MAIL, "smtp.port": "five" }, { coerce: true });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { "smtp.port": ["SMTP server port must be a number."] } });
  });

  it("reports several fields at once", () => {
    const r = validateService(MAIL_SERVICE_PID, { "smtp.host": "", "smtp.port": 24, "from.address": "x" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors).sort()).toEqual(["from.address", "smtp.host", "smtp.port"]);
  });

  it("rejects an unknown PID and non-object values", () => {
    expect(validateService("com.example.Unknown", {})).toEqual({
      ok: false,
      fieldErrors: {},
      formErrors: ['"com.example.Unknown" is not a service Herald knows.'],
    });
    expect(validateService(DAM_COLLECTION_PID, [true])).toMatchObject({ ok: false, formErrors: [expect.stringMatching(/must be an object/)] });
    expect(validateService(DAM_COLLECTION_PID, null).ok).toBe(false);
  });
});

describe("validateAll — OAuth flow needs a complete OAuth2 provider", () => {
  it("passes when the OAuth flow is off, whatever the provider holds", () => {
    expect(validateAll({ [MAIL_SERVICE_PID]: MAIL }).ok).toBe(true);
    expect(crossServiceErrors({ [MAIL_SERVICE_PID]: MAIL, [OAUTH_PROVIDER_PID]: {} })).toEqual([]);
  });

  it("passes when the OAuth flow is on and the provider is complete (refresh URL may be blank)", () => {
    const r = validateAll({ [MAIL_SERVICE_PID]: { ...MAIL, "oauth.flow": true }, [OAUTH_PROVIDER_PID]: OAUTH });
    expect(r.ok).toBe(true);
    expect(r.crossErrors).toEqual([]);
  });

  it("names every missing item when the provider was never configured", () => {
    const r = validateAll({ [MAIL_SERVICE_PID]: { ...MAIL, "oauth.flow": true } });
    expect(r.ok).toBe(false);
    expect(r.services[MAIL_SERVICE_PID]!.ok).toBe(true);
    expect(r.crossErrors).toEqual([
      {
        pid: OAUTH_PROVIDER_PID,
        relatedPid: MAIL_SERVICE_PID,
        keys: ["authUrl", "tokenUrl", "clientId", "scopes"],
        message:
          "OAuth flow is on in Day CQ Mail Service, but CQ Mail SMTP OAuth2 Provider is incomplete. " +
          "Missing: Authorization URL, Token URL, Client ID and at least one scope.",
      },
    ]);
  });

  it("names exactly the items that are missing", () => {
    const e = crossServiceErrors({
      [MAIL_SERVICE_PID]: { ...MAIL, "oauth.flow": true },
      [OAUTH_PROVIDER_PID]: { ...OAUTH, clientId: "", scopes: [] },
    });
    expect(e).toHaveLength(1);
    expect(e[0]!.keys).toEqual(["clientId", "scopes"]);
    expect(e[0]!.message).toMatch(/Missing: Client ID and at least one scope\.$/);

    const one = crossServiceErrors({ [MAIL_SERVICE_PID]: { ...MAIL, "oauth.flow": true }, [OAUTH_PROVIDER_PID]: { ...OAUTH, tokenUrl: "" } });
    expect(one[0]!.message).toMatch(/Missing: Token URL\.$/);
  });

  it("counts placeholders as present", () => {
    expect(
      crossServiceErrors({
        [MAIL_SERVICE_PID]: { ...MAIL, "oauth.flow": true },
        [OAUTH_PROVIDER_PID]: { ...OAUTH, clientId: "$[env:OAUTH_CLIENT_ID]" },
      }),
    ).toEqual([]);
  });

  it("validates every given service and reports unknown PIDs", () => {
    const r = validateAll({ [EMAIL_CHANNEL_PID]: { "email.from": "bad" }, "com.example.X": {}, [DAM_COLLECTION_PID]: undefined });
    expect(r.ok).toBe(false);
    expect(r.services[EMAIL_CHANNEL_PID]!.ok).toBe(false);
    expect(r.services["com.example.X"]!.ok).toBe(false);
    expect(r.services[DAM_COLLECTION_PID]).toBeUndefined();
  });
});
