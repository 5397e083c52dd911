/**
 * Day CQ Mail Service — how mail leaves the system (AEM: com.day.cq.mailer.DefaultMailService).
 */
import { z } from "zod";
import { defineService } from "../define";
import { addressSchema, booleanSchema, hostSchema, integerSchema, secretSchema, textSchema } from "../rules";
import { VALIDATION as V, fill } from "@/lib/validations/messages";

export const MAIL_SERVICE_PID = "com.day.cq.mailer.DefaultMailService";

const L = {
  host: "SMTP server host name",
  port: "SMTP server port",
  user: "SMTP user",
  password: "SMTP password",
  from: '"From" address',
  ssl: "Use SSL",
  starttls: "Use StartTLS",
  requiretls: "Require StartTLS",
  debug: "Debug email",
  oauth: "OAuth flow",
} as const;

const schema = z
  .strictObject({
    "smtp.host": hostSchema(L.host),
    "smtp.port": integerSchema(L.port, { min: 25, max: 65535 }),
    "smtp.user": textSchema(L.user, { headerBound: true, maxLength: 320 }),
    "smtp.password": secretSchema(L.password),
    "from.address": addressSchema(L.from, { required: true }),
    "smtp.ssl": booleanSchema(L.ssl),
    "smtp.starttls": booleanSchema(L.starttls),
    "smtp.requiretls": booleanSchema(L.requiretls),
    "debug.email": booleanSchema(L.debug),
    "oauth.flow": booleanSchema(L.oauth),
  })
  .superRefine((v, ctx) => {
    // Refinements run even when a text field failed, so guard every read.
    if (v["smtp.ssl"] === true && v["smtp.starttls"] === true) {
      ctx.addIssue({
        code: "custom",
        path: ["smtp.starttls"],
        message: fill(V.cfgSslAndStarttls, { ssl: L.ssl, starttls: L.starttls }),
      });
    }
    if (v["smtp.requiretls"] === true && v["smtp.starttls"] !== true) {
      ctx.addIssue({
        code: "custom",
        path: ["smtp.requiretls"],
        message: fill(V.cfgRequiretlsNeedsStarttls, { requiretls: L.requiretls, starttls: L.starttls }),
      });
    }
    if (v["oauth.flow"] === true && typeof v["smtp.user"] === "string" && v["smtp.user"].trim() === "") {
      ctx.addIssue({
        code: "custom",
        path: ["smtp.user"],
        message: fill(V.cfgOauthUser, { user: L.user, oauth: L.oauth }),
      });
    }
  });

export const mailService = defineService({
  pid: MAIL_SERVICE_PID,
  name: "Day CQ Mail Service",
  description:
    "The SMTP connection every notification is sent through: server, encryption, sign-in (password or OAuth2) and the default sender.",
  group: "Mail",
  icon: "mail",
  envPrefix: "",
  schema,
  fields: [
    {
      key: "smtp.host",
      label: L.host,
      type: "string",
      format: "host",
      default: "",
      required: true,
      placeholder: "smtp.example.com",
      help:
        "Host name or IP address of the SMTP server, without scheme or port (smtp.office365.com, smtp.gmail.com). AEM refuses to send while it is blank; Herald's outbox worker and the test-email button connect here.",
    },
    {
      key: "smtp.port",
      label: L.port,
      type: "number",
      integer: true,
      min: 25,
      max: 65535,
      default: 25,
      required: true,
      placeholder: "587",
      help:
        "TCP port of the SMTP server; AEM requires 25 or higher. Usually 587 with StartTLS, 465 with SSL, 25 for a plain relay inside your network.",
    },
    {
      key: "smtp.user",
      label: L.user,
      type: "string",
      default: "",
      headerBound: true,
      placeholder: "notifications@example.com",
      help:
        "User name for SMTP authentication; leave blank for a relay without sign-in. With the OAuth flow it is the mailbox that sends (for Microsoft 365, the mailbox's email address).",
    },
    {
      key: "smtp.password",
      label: L.password,
      type: "secret",
      default: "",
      envName: "HERALD_SMTP_PASSWORD",
      help:
        "Password for the SMTP user; ignored when the OAuth flow is on. Herald stores it encrypted and never shows it again; you can also enter a placeholder such as $[secret:HERALD_SMTP_PASSWORD] to read it from the server's environment.",
    },
    {
      key: "from.address",
      label: L.from,
      type: "string",
      format: "address",
      default: "",
      required: true,
      headerBound: true,
      placeholder: "Acme Notifications <no-reply@example.com>",
      help:
        "Sender of mail that does not name its own sender. AEM requires it. Write name@example.com or Name <name@example.com>; the server must be allowed to send as this address.",
    },
    {
      key: "smtp.ssl",
      label: L.ssl,
      type: "boolean",
      default: false,
      help:
        "Connect with SSL/TLS from the first byte (SMTPS, usually port 465). Turn off when using StartTLS.",
    },
    {
      key: "smtp.starttls",
      label: L.starttls,
      type: "boolean",
      default: false,
      help:
        "Upgrade the plain connection with STARTTLS when the server offers it (usually port 587). Gmail and Microsoft 365 need it.",
    },
    {
      key: "smtp.requiretls",
      label: L.requiretls,
      type: "boolean",
      default: false,
      help:
        "Refuse to send when the server does not offer STARTTLS, instead of falling back to an unencrypted connection. Needs StartTLS on.",
    },
    {
      key: "debug.email",
      label: L.debug,
      type: "boolean",
      default: false,
      help:
        "Log the full SMTP conversation of every delivery. AEM writes it to the service log; Herald keeps it as the transcript in the mail log. Leave off in production: transcripts are long.",
    },
    {
      key: "oauth.flow",
      label: L.oauth,
      type: "boolean",
      default: false,
      help:
        "Sign in with an OAuth2 access token (XOAUTH2) instead of the password, as Gmail and Microsoft 365 require. Needs a complete CQ Mail SMTP OAuth2 Provider and a connected account (the Authorize button).",
    },
  ],
});
