-- The outbox message page lists its SMTP sessions (mail log rows) by Message-ID.
-- CreateIndex
CREATE INDEX "MailLog_messageId_idx" ON "MailLog"("messageId");
