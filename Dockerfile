# syntax=docker/dockerfile:1
# Herald in a container. NOT BUILT OR TESTED: the machines Herald is developed on have no Docker
# daemon and no internet access to pull the base image. What it relies on was checked without
# Docker (docs/operations.md → Deployment → Docker); review it before you rely on it.
#
#   docker build -t herald .
#   docker run -d --name herald -p 127.0.0.1:3000:3000 -v herald-data:/app/data \
#     -e NEXTAUTH_URL=https://herald.example.com herald

# --- build: dependencies (better-sqlite3 compiles when no prebuilt binary fits), then next build
FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# What `npm ci` needs: its postinstall (scripts/prisma-generate.mjs) generates both Prisma clients
# from prisma/ into lib/generated/.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: the built app and production dependencies (the CLI and the worker run TypeScript
# through tsx, a production dependency), as an unprivileged user
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HERALD_NO_BUILD=1 \
    HERALD_DATA_DIR=/app/data \
    PORT=3000
WORKDIR /app
RUN groupadd --system herald \
 && useradd --system --gid herald --home-dir /app/data --shell /usr/sbin/nologin herald
COPY --from=build /app /app
RUN mkdir -p /app/data && chown herald:herald /app/data && chmod 0700 /app/data
USER herald
# The SQLite database, the generated secrets key and NEXTAUTH secret: keep this volume (and back it up).
VOLUME /app/data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Applies pending migrations, then `next start`. A worker container runs the same image with
#   node --conditions=react-server --import tsx scripts/worker.mjs
CMD ["node", "scripts/start.mjs"]
