-- CreateTable
CREATE TABLE "ApiRateBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "updatedMs" REAL NOT NULL,
    "lastOk" BOOLEAN NOT NULL DEFAULT true
);
