-- OAuth2: authorization attempts (state + PKCE) and the connected mailbox's sealed tokens (issue 6).
CREATE TABLE "OAuthAuthorization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "stateHash" TEXT NOT NULL,
    "bindingHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "codeVerifier" TEXT NOT NULL,
    "nonce" TEXT,
    "redirectUri" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "issuerKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "outcome" TEXT
);
CREATE UNIQUE INDEX "OAuthAuthorization_stateHash_key" ON "OAuthAuthorization"("stateHash");
CREATE INDEX "OAuthAuthorization_createdAt_idx" ON "OAuthAuthorization"("createdAt");

CREATE TABLE "OAuthConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "source" TEXT NOT NULL,
    "providerKind" TEXT NOT NULL,
    "issuerKey" TEXT NOT NULL,
    "account" TEXT,
    "accountSource" TEXT,
    "requestedScopes" TEXT NOT NULL,
    "grantedScopes" TEXT,
    "accessToken" TEXT,
    "accessTokenIssuedAt" DATETIME,
    "accessTokenExpiresAt" DATETIME,
    "refreshToken" TEXT,
    "refreshTokenIssuedAt" DATETIME,
    "refreshCount" INTEGER NOT NULL DEFAULT 0,
    "rotations" INTEGER NOT NULL DEFAULT 0,
    "importDigest" TEXT,
    "authorizedAt" DATETIME NOT NULL,
    "authorizedBy" TEXT,
    "lastRefreshAt" DATETIME,
    "lastRefreshOk" BOOLEAN,
    "lastRefreshError" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);
