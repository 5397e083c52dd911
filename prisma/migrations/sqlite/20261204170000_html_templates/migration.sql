-- HTML email (issue 15): HTML bodies and the shared layout as overrides with history, and the
-- recipient's "plain text only" preference.

-- CreateTable
CREATE TABLE "HtmlTemplateOverride" (
    "family" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT,
    PRIMARY KEY ("family", "lang")
);

-- CreateTable
CREATE TABLE "HtmlTemplateVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "family" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "html" TEXT,
    "action" TEXT NOT NULL,
    "actor" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "HtmlTemplateVersion_family_lang_idx" ON "HtmlTemplateVersion"("family", "lang");

-- AlterTable
ALTER TABLE "Recipient" ADD COLUMN "plainTextOnly" BOOLEAN NOT NULL DEFAULT false;
