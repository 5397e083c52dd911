-- CreateTable
CREATE TABLE "AlertIncident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "condition" TEXT NOT NULL,
    "openKey" TEXT,
    "summary" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "clearSince" DATETIME,
    "resolvedAt" DATETIME,
    "openNotifiedAt" DATETIME,
    "resolveNotifiedAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "deliveries" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertIncident_openKey_key" ON "AlertIncident"("openKey");

-- CreateIndex
CREATE INDEX "AlertIncident_resolvedAt_idx" ON "AlertIncident"("resolvedAt");

-- CreateIndex
CREATE INDEX "AlertIncident_openedAt_idx" ON "AlertIncident"("openedAt");
