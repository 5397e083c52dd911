-- Foundation, configuration and templates.
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

CREATE TABLE "AuthFailure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "AuthFailure_key_at_idx" ON "AuthFailure"("key", "at");

CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "detail" TEXT
);
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

CREATE TABLE "ConfigVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pid" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "values" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "actor" TEXT,
    "note" TEXT,
    "restoredFrom" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "ConfigVersion_pid_version_key" ON "ConfigVersion"("pid", "version");

CREATE TABLE "MailLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "kind" TEXT NOT NULL,
    "server" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "messageId" TEXT,
    "recipients" TEXT,
    "subject" TEXT,
    "reply" TEXT,
    "error" TEXT,
    "durationMs" INTEGER,
    "transcript" TEXT
);
CREATE INDEX "MailLog_at_idx" ON "MailLog"("at");

CREATE TABLE "TemplateOverride" (
    "family" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT,
    PRIMARY KEY ("family", "lang")
);

CREATE TABLE "TemplateVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "family" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "text" TEXT,
    "action" TEXT NOT NULL,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "TemplateVersion_family_lang_idx" ON "TemplateVersion"("family", "lang");
