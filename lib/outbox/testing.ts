// Helpers for outbox tests: messages to enqueue, a second connection standing in for another
// process.
import Database from "better-sqlite3";
import { databaseUrl } from "@/lib/env";
import { sqlitePath } from "@/lib/db/migrate";
import { newMessageId } from "./ids";
import type { NewMessage } from "./store";

export function testMessage(n: number, overrides: Partial<NewMessage> = {}): NewMessage {
  const id = newMessageId();
  return {
    id,
    family: null,
    language: null,
    recipientId: null,
    to: [`rcpt${n}@example.com`],
    from: "Herald <herald@example.com>",
    subject: `Test ${n}`,
    text: `Body ${n}`,
    messageId: `<${id}@example.com>`,
    ...overrides,
  };
}

/** Another connection to the same database file, as another process would have. */
export function otherConnection(): Database.Database {
  const d = new Database(sqlitePath(databaseUrl()), { timeout: 2000 });
  d.pragma("journal_mode = WAL");
  return d;
}
