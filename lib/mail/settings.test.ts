import { describe, expect, it } from "vitest";
import {
  authMode,
  DEFAULT_MAIL_TIMEOUTS,
  securityMode,
  serverLabel,
  transportOptions,
  type MailSettings,
} from "./settings";

const settings = (o: Partial<MailSettings> = {}): MailSettings => ({
  "smtp.host": "smtp.example.com",
  "smtp.port": 587,
  "smtp.user": "",
  "smtp.password": "",
  "from.address": "no-reply@example.com",
  "smtp.ssl": false,
  "smtp.starttls": false,
  "smtp.requiretls": false,
  "debug.email": false,
  "oauth.flow": false,
  ...o,
});

describe("transportOptions", () => {
  it("plain means plain: no SSL, STARTTLS ignored even when offered", () => {
    const o = transportOptions(settings({ "smtp.port": 25 }));
    expect(o).toMatchObject({ host: "smtp.example.com", port: 25, secure: false, requireTLS: false, ignoreTLS: true });
    expect(o.auth).toBeUndefined();
  });

  it("SSL on connect sets secure and neither requires nor ignores STARTTLS", () => {
    const o = transportOptions(settings({ "smtp.port": 465, "smtp.ssl": true, "smtp.requiretls": true }));
    expect(o).toMatchObject({ secure: true, requireTLS: false, ignoreTLS: false });
  });

  it("StartTLS upgrades when offered; requiretls makes it mandatory", () => {
    expect(transportOptions(settings({ "smtp.starttls": true }))).toMatchObject({ secure: false, requireTLS: false, ignoreTLS: false });
    expect(transportOptions(settings({ "smtp.starttls": true, "smtp.requiretls": true }))).toMatchObject({ requireTLS: true, ignoreTLS: false });
    // requiretls alone still means "encrypt or fail", never "ignore"
    expect(transportOptions(settings({ "smtp.requiretls": true }))).toMatchObject({ requireTLS: true, ignoreTLS: false });
  });

  it("logs in with user and password when a user is set", () => {
    const o = transportOptions(settings({ "smtp.user": " bob@example.com ", "smtp.password": "pw" }));
    expect(o.auth).toEqual({ user: "bob@example.com", pass: "pw" });
  });

  it("uses XOAUTH2 with the access token when the OAuth flow is on, never the password", () => {
    const s = settings({ "smtp.user": "bob@example.com", "smtp.password": "pw", "oauth.flow": true });
    expect(transportOptions(s, { accessToken: "tok" }).auth).toEqual({ type: "OAuth2", user: "bob@example.com", accessToken: "tok" });
    expect(transportOptions(s).auth).toBeUndefined();
  });

  it("ignores an access token when the OAuth flow is off", () => {
    const o = transportOptions(settings({ "smtp.user": "bob", "smtp.password": "pw" }), { accessToken: "tok" });
    expect(o.auth).toEqual({ user: "bob", pass: "pw" });
  });

  it("applies default and overridden timeouts", () => {
    expect(transportOptions(settings())).toMatchObject({
      connectionTimeout: DEFAULT_MAIL_TIMEOUTS.connection,
      greetingTimeout: DEFAULT_MAIL_TIMEOUTS.greeting,
      socketTimeout: DEFAULT_MAIL_TIMEOUTS.socket,
      dnsTimeout: DEFAULT_MAIL_TIMEOUTS.dns,
    });
    expect(transportOptions(settings(), { timeouts: { greeting: 300 } })).toMatchObject({ greetingTimeout: 300, connectionTimeout: DEFAULT_MAIL_TIMEOUTS.connection });
  });

  it("passes TLS trust options; certificate checks stay on unless explicitly disabled", () => {
    expect(transportOptions(settings()).tls).toBeUndefined();
    expect(transportOptions(settings(), { tls: { ca: ["PEM"] } }).tls).toEqual({ ca: ["PEM"] });
    expect(transportOptions(settings(), { tls: { rejectUnauthorized: true } }).tls).toBeUndefined();
    expect(transportOptions(settings(), { tls: { rejectUnauthorized: false, servername: "mail.example.com" } }).tls).toEqual({
      rejectUnauthorized: false,
      servername: "mail.example.com",
    });
  });

  it("returns pooled options only when asked", () => {
    expect(transportOptions(settings()).pool).toBeUndefined();
    expect(transportOptions(settings(), { pool: true }).pool).toBe(true);
  });

  it("passes the logger, debug flag and EHLO name", () => {
    const logger = { debug: () => undefined };
    expect(transportOptions(settings(), { logger, debug: true, name: "herald.local" })).toMatchObject({ logger, debug: true, name: "herald.local" });
  });
});

describe("helpers", () => {
  it("securityMode", () => {
    expect(securityMode(settings())).toBe("plain");
    expect(securityMode(settings({ "smtp.starttls": true }))).toBe("starttls");
    expect(securityMode(settings({ "smtp.starttls": true, "smtp.requiretls": true }))).toBe("starttls-required");
    expect(securityMode(settings({ "smtp.ssl": true, "smtp.starttls": true }))).toBe("ssl");
  });

  it("authMode", () => {
    expect(authMode(settings())).toBe("none");
    expect(authMode(settings({ "smtp.user": "  " }))).toBe("none");
    expect(authMode(settings({ "smtp.user": "bob" }))).toBe("password");
    expect(authMode(settings({ "smtp.user": "bob", "oauth.flow": true }))).toBe("oauth2");
  });

  it("serverLabel brackets IPv6 literals", () => {
    expect(serverLabel(settings())).toBe("smtp.example.com:587");
    expect(serverLabel(settings({ "smtp.host": "::1", "smtp.port": 25 }))).toBe("[::1]:25");
  });
});
