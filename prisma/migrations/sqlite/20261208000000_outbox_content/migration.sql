-- Outbox bodies in a table of their own (issue 12, speed): a status change no longer rewrites the
-- message's text and HTML. Existing bodies move over; nothing is lost.
CREATE TABLE "OutboxContent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "text" TEXT NOT NULL,
    "html" TEXT
);
INSERT INTO "OutboxContent" ("id", "text", "html") SELECT "id", "text", "html" FROM "OutboxMessage";
ALTER TABLE "OutboxMessage" DROP COLUMN "text";
ALTER TABLE "OutboxMessage" DROP COLUMN "html";
