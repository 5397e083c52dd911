import { afterAll, beforeAll, describe, expect, it } from "vitest";
import nodemailer from "nodemailer";
import { startTestSmtpServer, type TestSmtpServer } from "@/lib/testing/smtp";
import { createTranscript, formatTranscript, REDACTED, redactSecrets, type Transcript } from "./transcript";

const PASSWORD = "Tr0ub4dor&3-horse";
const TOKEN = "ya29.a0AfB_byC-secret-access-token-42";
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

// Feeds a transcript the way nodemailer's smtp-connection logs (entry object, format, args).
const client = (t: Transcript, text: string) => t.logger.debug!({ tnx: "client", component: "smtp-connection" }, text);
const server = (t: Transcript, text: string) => t.logger.debug!({ tnx: "server", component: "smtp-connection" }, text);
const texts = (t: Transcript) => t.lines.map((l) => `${l.dir}: ${l.text}`);

describe("redaction (synthetic sessions)", () => {
  it("redacts AUTH PLAIN with an initial response", () => {
    const t = createTranscript();
    server(t, "250 AUTH PLAIN LOGIN");
    client(t, `AUTH PLAIN ${b64(`\0bob\0${PASSWORD}`)}`);
    server(t, "235 2.7.0 Authentication successful");
    client(t, "MAIL FROM:<bob@example.com>");
    expect(texts(t)).toEqual([
      "S: 250 AUTH PLAIN LOGIN",
      `C: AUTH PLAIN ${REDACTED}`,
      "S: 235 2.7.0 Authentication successful",
      "C: MAIL FROM:<bob@example.com>",
    ]);
  });

  it("redacts AUTH PLAIN sent after an empty 334 challenge", () => {
    const t = createTranscript();
    client(t, "AUTH PLAIN");
    server(t, "334 ");
    client(t, b64(`\0bob\0${PASSWORD}`));
    server(t, "235 ok");
    expect(texts(t)).toEqual(["C: AUTH PLAIN", "S: 334 ", `C: ${REDACTED}`, "S: 235 ok"]);
  });

  it("redacts both AUTH LOGIN answers and decodes the challenges", () => {
    const t = createTranscript();
    client(t, "AUTH LOGIN");
    server(t, "334 VXNlcm5hbWU6");
    client(t, b64("bob"));
    server(t, "334 UGFzc3dvcmQ6");
    client(t, b64(PASSWORD));
    server(t, "535 5.7.8 Authentication credentials invalid");
    client(t, "QUIT");
    expect(texts(t)).toEqual([
      "C: AUTH LOGIN",
      "S: 334 VXNlcm5hbWU6",
      "info: challenge decoded: Username:",
      `C: ${REDACTED}`,
      "S: 334 UGFzc3dvcmQ6",
      "info: challenge decoded: Password:",
      `C: ${REDACTED}`,
      "S: 535 5.7.8 Authentication credentials invalid",
      "C: QUIT",
    ]);
  });

  it("redacts XOAUTH2 tokens and keeps the empty answer to the error challenge", () => {
    const t = createTranscript();
    const errorJson = JSON.stringify({ status: "401", schemes: "bearer", scope: "https://mail.google.com/" });
    client(t, `AUTH XOAUTH2 ${b64(`user=bob\x01auth=Bearer ${TOKEN}\x01\x01`)}`);
    server(t, `334 ${b64(errorJson)}`);
    client(t, "");
    server(t, "535-5.7.8 Username and Password not accepted.\n535 5.7.8 Learn more");
    expect(texts(t)).toEqual([
      `C: AUTH XOAUTH2 ${REDACTED}`,
      `S: 334 ${b64(errorJson)}`,
      `info: challenge decoded: ${errorJson}`,
      "C: ",
      "S: 535-5.7.8 Username and Password not accepted.",
      "S: 535 5.7.8 Learn more",
    ]);
  });

  it("redacts CRAM-MD5 responses and any unknown mechanism's answers", () => {
    const t = createTranscript();
    client(t, "AUTH CRAM-MD5");
    server(t, `334 ${b64("<1896.697170952@postoffice.example.net>")}`);
    client(t, b64("bob 6e2f1d7b0c0f0e1d2c3b4a5968778695"));
    server(t, "235 ok");
    client(t, "AUTH X-CUSTOM c2VjcmV0");
    server(t, "334 bW9yZQ==");
    client(t, "c2VjcmV0MQ==");
    server(t, "235 ok");
    expect(t.lines.filter((l) => l.dir === "C").map((l) => l.text)).toEqual([
      "AUTH CRAM-MD5",
      REDACTED,
      `AUTH X-CUSTOM ${REDACTED}`,
      REDACTED,
    ]);
  });

  it("masks known secrets and their base64 form anywhere, including info lines", () => {
    const t = createTranscript({ secrets: [PASSWORD, TOKEN, undefined, "", "abc"] });
    t.logger.info!({ tnx: "smtp" }, "weird server said %s", PASSWORD);
    server(t, `550 bad token ${TOKEN}`);
    server(t, `550 echo ${b64(PASSWORD)}`);
    t.add("info", `note ${TOKEN}`);
    const all = JSON.stringify(t.lines);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(b64(PASSWORD));
    expect(t.lines.map((l) => l.text)).toEqual([
      `weird server said ${REDACTED}`,
      `550 bad token ${REDACTED}`,
      `550 echo ${REDACTED}`,
      `note ${REDACTED}`,
    ]);
    // secrets shorter than 4 characters are not masked (they would shred the transcript)
    expect(redactSecrets("abc", [])).toBe("abc");
  });

  it("summarises the message unless a full transcript is asked for", () => {
    const feed = (t: Transcript) => {
      server(t, "354 End data with <CR><LF>.<CR><LF>");
      t.logger.debug!({ tnx: "message" }, "From: a@example.com\r\nTo: b@example.com\r\nSubject: Hello\r\n  folded\r\n\r\nsecret body text");
      t.logger.debug!({ tnx: "message" }, ".");
      t.logger.info!({ tnx: "message", inByteCount: 90, outByteCount: 93 }, "<%s bytes encoded mime message (source size %s bytes)>", 93, 90);
      server(t, "250 2.0.0 queued");
    };
    const short = createTranscript();
    feed(short);
    expect(texts(short)).toEqual([
      "S: 354 End data with <CR><LF>.<CR><LF>",
      "C: [message content hidden: 3 headers (From, To, Subject), 93 bytes]",
      "C: .",
      "S: 250 2.0.0 queued",
    ]);
    const full = createTranscript({ full: true });
    feed(full);
    expect(texts(full)).toContain("C: secret body text");
    expect(texts(full)).toContain("C: Subject: Hello");
    expect(texts(full)).toContain("info: <93 bytes encoded mime message (source size 90 bytes)>");
  });

  it("drops the transport's duplicate 'Send Error' line and nodemailer's create noise", () => {
    const t = createTranscript();
    t.logger.debug!({ tnx: "create" }, "Creating transport: nodemailer");
    t.logger.error!({ tnx: "smtp" }, "%s", "Invalid login: 535 nope");
    t.logger.error!({ tnx: "transport" }, "Send Error: %s", "Invalid login: 535 nope");
    expect(t.lines).toEqual([expect.objectContaining({ dir: "info", text: "Invalid login: 535 nope", level: "error" })]);
  });

  it("shows a replacement for the next client line, and reports every line to onLine", () => {
    const seen: string[] = [];
    const t = createTranscript({ onLine: (l) => seen.push(l.text) });
    t.showNextClientLineAs("MAIL FROM:<a@example.com>");
    client(t, "/* secret */");
    client(t, "RSET");
    expect(texts(t)).toEqual(["C: MAIL FROM:<a@example.com>", "C: RSET"]);
    expect(seen).toEqual(["MAIL FROM:<a@example.com>", "RSET"]);
  });

  it("accepts the message-only bunyan form and numbers lines by elapsed time", () => {
    const t = createTranscript();
    t.logger.info!("plain message %d", 7);
    expect(t.lines[0]).toMatchObject({ dir: "info", text: "plain message 7" });
    expect(t.lines[0]!.t).toBeGreaterThanOrEqual(0);
    expect(formatTranscript(t.lines)).toMatch(/^\s+\d+ ms {2}\*: plain message 7$/);
  });
});

describe("redaction (live nodemailer sessions)", () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startTestSmtpServer({
      starttls: true,
      requireAuth: true,
      users: { bob: PASSWORD },
      xoauth2: (user, token) => user === "bob" && token === TOKEN,
    });
  });
  afterAll(() => smtp.stop());

  const send = async (auth: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const t = createTranscript({ secrets: [PASSWORD, TOKEN] });
    const transporter = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      tls: { ca: [smtp.cert] },
      auth,
      logger: t.logger,
      debug: true,
      ...extra,
    });
    let error: unknown;
    try {
      await transporter.sendMail({ from: "bob@example.com", to: "alice@example.com", subject: "s", text: `body mentions ${PASSWORD}` });
    } catch (err) {
      error = err;
    } finally {
      transporter.close();
    }
    return { t, error, json: JSON.stringify(t.lines) };
  };

  const assertClean = (json: string) => {
    for (const secret of [PASSWORD, TOKEN, b64(PASSWORD), b64(TOKEN), b64(`\0bob\0${PASSWORD}`), "/* secret */"]) {
      expect(json).not.toContain(secret);
    }
  };

  it("AUTH PLAIN: the password never appears", async () => {
    const { t, error, json } = await send({ user: "bob", pass: PASSWORD });
    expect(error).toBeUndefined();
    expect(texts(t)).toContain(`C: AUTH PLAIN ${REDACTED}`);
    assertClean(json);
    expect(json).not.toContain("body mentions"); // body is summarised
  });

  it("AUTH LOGIN with a wrong password: neither the user line nor the password appears", async () => {
    const { t, error, json } = await send({ user: "bob", pass: `${PASSWORD}-wrong` }, { authMethod: "LOGIN" });
    expect(error).toMatchObject({ code: "EAUTH" });
    const c = t.lines.filter((l) => l.dir === "C").map((l) => l.text);
    expect(c).toEqual(expect.arrayContaining(["AUTH LOGIN", REDACTED]));
    expect(c.filter((x) => x === REDACTED)).toHaveLength(2);
    assertClean(json);
    expect(json).not.toContain(b64(`${PASSWORD}-wrong`));
    expect(json).not.toContain(b64("bob"));
  });

  it("XOAUTH2: the access token never appears, accepted or rejected", async () => {
    const ok = await send({ type: "OAuth2", user: "bob", accessToken: TOKEN });
    expect(ok.error).toBeUndefined();
    expect(texts(ok.t)).toContain(`C: AUTH XOAUTH2 ${REDACTED}`);
    assertClean(ok.json);

    const bad = await send({ type: "OAuth2", user: "bob", accessToken: `${TOKEN}-expired` });
    expect(bad.error).toMatchObject({ code: "EAUTH" });
    expect(bad.json).not.toContain(`${TOKEN}-expired`);
    expect(texts(bad.t)).toContain('info: challenge decoded: {"status":"401","schemes":"bearer","scope":"https://mail.google.com/"}');
    assertClean(bad.json);
  });

  it("full transcripts keep the body but still mask secrets", async () => {
    const t = createTranscript({ full: true, secrets: [PASSWORD] });
    const transporter = nodemailer.createTransport({ host: smtp.host, port: smtp.port, tls: { ca: [smtp.cert] }, auth: { user: "bob", pass: PASSWORD }, logger: t.logger, debug: true });
    await transporter.sendMail({ from: "bob@example.com", to: "alice@example.com", subject: "Full", text: `body mentions ${PASSWORD}` });
    transporter.close();
    expect(texts(t)).toContain("C: Subject: Full");
    expect(texts(t)).toContain(`C: body mentions ${REDACTED}`);
    expect(JSON.stringify(t.lines)).not.toContain(PASSWORD);
  });
});
