-- CreateTable
CREATE TABLE "AlertIncident" (
    "id" SERIAL NOT NULL,
    "condition" TEXT NOT NULL,
    "openKey" TEXT,
    "summary" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "clearSince" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "openNotifiedAt" TIMESTAMPTZ(3),
    "resolveNotifiedAt" TIMESTAMPTZ(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "deliveries" TEXT,

    CONSTRAINT "AlertIncident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AlertIncident_openKey_key" ON "AlertIncident"("openKey");

-- CreateIndex
CREATE INDEX "AlertIncident_resolvedAt_idx" ON "AlertIncident"("resolvedAt");

-- CreateIndex
CREATE INDEX "AlertIncident_openedAt_idx" ON "AlertIncident"("openedAt");
