-- Sending: recipients and subscriptions, API keys, idempotency, the outbox, workers, settings, built-in mailbox.
CREATE TABLE "Recipient" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "familyName" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT 'en',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Recipient_email_key" ON "Recipient"("email");

CREATE TABLE "Subscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "eventTypes" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Subscription_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Recipient" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "Subscription_kind_path_idx" ON "Subscription"("kind", "path");
CREATE UNIQUE INDEX "Subscription_recipientId_kind_path_key" ON "Subscription"("recipientId", "kind", "path");

CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "rateLimit" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedBy" TEXT
);
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

CREATE TABLE "IdempotencyRecord" (
    "apiKeyId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY ("apiKeyId", "key")
);
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "family" TEXT,
    "language" TEXT,
    "recipientId" TEXT,
    "toAddr" TEXT NOT NULL,
    "ccAddr" TEXT,
    "bccAddr" TEXT,
    "fromAddr" TEXT NOT NULL,
    "replyTo" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "messageId" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" DATETIME NOT NULL,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME,
    "lockedBy" TEXT,
    "lastError" TEXT,
    "smtpReply" TEXT,
    "batchId" TEXT,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sentAt" DATETIME
);
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_createdAt_idx" ON "OutboxMessage"("createdAt");
CREATE INDEX "OutboxMessage_batchId_idx" ON "OutboxMessage"("batchId");
CREATE INDEX "OutboxMessage_sentAt_idx" ON "OutboxMessage"("sentAt");

CREATE TABLE "OutboxAttempt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "messageId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "result" TEXT NOT NULL,
    "reply" TEXT,
    "error" TEXT,
    "durationMs" INTEGER,
    "worker" TEXT
);
CREATE INDEX "OutboxAttempt_messageId_idx" ON "OutboxAttempt"("messageId");
CREATE INDEX "OutboxAttempt_at_idx" ON "OutboxAttempt"("at");

CREATE TABLE "OutboxWorker" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pid" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "seenAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL
);
CREATE INDEX "OutboxWorker_seenAt_idx" ON "OutboxWorker"("seenAt");

CREATE TABLE "SendingSetting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT
);

CREATE TABLE "MailboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "envelopeFrom" TEXT NOT NULL,
    "envelopeTo" TEXT NOT NULL,
    "fromAddr" TEXT,
    "toAddr" TEXT,
    "subject" TEXT,
    "messageId" TEXT,
    "text" TEXT,
    "html" TEXT,
    "headers" TEXT NOT NULL,
    "raw" BLOB NOT NULL,
    "size" INTEGER NOT NULL
);
CREATE INDEX "MailboxMessage_receivedAt_idx" ON "MailboxMessage"("receivedAt");
