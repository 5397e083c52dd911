import "server-only";
// The built-in mailbox: an SMTP server on 127.0.0.1 (smtp-server + mailparser) that keeps every
// mail it receives in the MailboxMessage table, newest HERALD_DEV_SMTP_KEEP only. It accepts any
// sender and recipient without login and never relays anything anywhere.
//
// Why a table (not files): the Mailbox page, the API process and a standalone worker all see the
// same mails through the database they already share; a bounded table needs no folder layout,
// and the trim is one DELETE. The raw message is kept (BLOB) for "view source" / download.
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";
import { env } from "@/lib/env";
import { dbTime, writeTx } from "@/lib/db/sql";
import { logger } from "@/lib/log";
import { clearMailboxAddress, writeMailboxAddress } from "./registry";

const mailboxLog = () => logger().child({ component: "mailbox" });

const KEY = Symbol.for("herald.devMailbox");
type Running = { server: SMTPServer; port: number };
type Holder = { [KEY]?: Promise<Running | null> };

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function addressText(a: AddressObject | AddressObject[] | undefined): string | null {
  if (!a) return null;
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(", ") || null;
}

/** Stores one received message and trims the mailbox. Exported for tests. */
export async function storeMailboxMessage(raw: Buffer, envelope: { from: string; to: string[] }, keep = env().HERALD_DEV_SMTP_KEEP) {
  const parsed = await simpleParser(raw, { skipImageLinks: true });
  const headers = parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(":") + 1).trim()]);
  const html = typeof parsed.html === "string" ? parsed.html : null;
  return writeTx(async (d) => {
    const r = await d.get<{ id: number }>(
      `INSERT INTO "MailboxMessage" ("receivedAt", "envelopeFrom", "envelopeTo", "fromAddr", "toAddr", "subject", "messageId", "text", "html", "headers", "raw", "size")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
      [
        dbTime(new Date()),
        envelope.from,
        envelope.to.join(", "),
        addressText(parsed.from),
        addressText(parsed.to),
        parsed.subject ?? null,
        parsed.messageId ?? null,
        parsed.text ?? null,
        html,
        JSON.stringify(headers),
        raw,
        raw.length,
      ],
    );
    await d.run(`DELETE FROM "MailboxMessage" WHERE "id" <= (SELECT "id" FROM "MailboxMessage" ORDER BY "id" DESC LIMIT 1 OFFSET ?)`, [keep]);
    return Number(r!.id);
  });
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.server.off("listening", onListening);
      reject(e);
    };
    const onListening = () => {
      server.server.off("error", onError);
      const a = server.server.address();
      resolve(typeof a === "object" && a ? a.port : port);
    };
    server.server.once("error", onError);
    server.server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
}

function create(): SMTPServer {
  const server = new SMTPServer({
    name: "herald-mailbox",
    banner: "Herald built-in mailbox (captures mail, delivers nothing)",
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    disableReverseLookup: true,
    size: MAX_MESSAGE_BYTES,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (e: Error) => cb(e));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          const err = new Error("Message too large for the built-in mailbox") as Error & { responseCode: number };
          err.responseCode = 552;
          return cb(err);
        }
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        storeMailboxMessage(Buffer.concat(chunks), envelope).then(
          (id) => cb(null, `Message stored in the built-in mailbox as #${id}`),
          (e: unknown) => {
            const err = new Error(`Mailbox could not store the message: ${e instanceof Error ? e.message : String(e)}`) as Error & { responseCode: number };
            err.responseCode = 451;
            cb(err);
          },
        );
      });
    },
  });
  // Listen errors are handled by listen(); later ones are logged once listening (see below).
  // Without a listener, an "error" event would crash the whole console.
  server.on("error", () => undefined);
  return server;
}

/**
 * Starts the mailbox once per process on HERALD_DEV_SMTP_PORT; when that port is taken, on a free
 * one (the console shows where). Resolves null when it cannot listen at all.
 */
export function startDevMailbox(port = env().HERALD_DEV_SMTP_PORT): Promise<Running | null> {
  const g = globalThis as Holder;
  if (g[KEY]) return g[KEY];
  g[KEY] = (async () => {
    let server = create();
    let actual: number;
    try {
      actual = await listen(server, port);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) {
        mailboxLog().error(`herald mailbox: cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`);
        return null;
      }
      server = create();
      actual = await listen(server, 0);
      mailboxLog().warn(`herald mailbox: port ${port} is in use; listening on 127.0.0.1:${actual} instead`);
    }
    server.on("error", (e) => mailboxLog().error(`herald mailbox: ${e.message}`));
    writeMailboxAddress(actual);
    mailboxLog().info(`herald mailbox: catching mail on 127.0.0.1:${actual} (Mailbox page)`);
    const cleanup = () => clearMailboxAddress();
    process.once("exit", cleanup);
    return { server, port: actual };
  })();
  return g[KEY];
}

export async function stopDevMailbox() {
  const g = globalThis as Holder;
  const running = await g[KEY];
  delete g[KEY];
  if (!running) return;
  await new Promise<void>((r) => running.server.close(() => r()));
  clearMailboxAddress();
}
