-- HTML email (issue 15): HTML bodies and the shared layout as overrides with history, and the
-- recipient's "plain text only" preference.

-- CreateTable
CREATE TABLE "HtmlTemplateOverride" (
    "family" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "HtmlTemplateOverride_pkey" PRIMARY KEY ("family", "lang")
);

-- CreateTable
CREATE TABLE "HtmlTemplateVersion" (
    "id" SERIAL NOT NULL,
    "family" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "html" TEXT,
    "action" TEXT NOT NULL,
    "actor" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HtmlTemplateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HtmlTemplateVersion_family_lang_idx" ON "HtmlTemplateVersion"("family", "lang");

-- AlterTable
ALTER TABLE "Recipient" ADD COLUMN "plainTextOnly" BOOLEAN NOT NULL DEFAULT false;
