-- CreateTable
CREATE TABLE "ApiRateBucket" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedMs" DOUBLE PRECISION NOT NULL,
    "lastOk" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ApiRateBucket_pkey" PRIMARY KEY ("key")
);
