# syntax=docker/dockerfile:1.7
# The api image (with the digitallz CLI). Build from the repository root:
#   docker build -f deploy/docker/api.Dockerfile -t digitallz/api .
# Three stages: the production dependencies of the api workspace only (no dev tools); the server
# bundled by build:servers; then both, with the sources the bundle reads at run time (migrations,
# the CLI), on a slim Node 20, running as the unprivileged `node` user.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/cli/package.json apps/cli/
COPY packages/contracts/package.json packages/contracts/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/sandbox/package.json packages/sandbox/
# The CLI too: the deployment runs `digitallz migrate` (and backups) from this image.
RUN npm ci --omit=dev --workspace=@digitallz/api --workspace=@digitallz/cli && npm cache clean --force

# The server bundled into one JavaScript file (npm run build:servers): no TypeScript loader at run time.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/cli/package.json apps/cli/
COPY packages/contracts/package.json packages/contracts/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/sandbox/package.json packages/sandbox/
RUN npm ci --include-workspace-root --workspace=@digitallz/api
COPY tsconfig.base.json ./
COPY scripts/build-servers.ts scripts/
COPY packages packages
COPY apps/api apps/api
RUN npx tsx scripts/build-servers.ts api

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app ./
COPY --chown=node:node tsconfig.base.json ./
COPY --chown=node:node packages packages
COPY --chown=node:node apps/api apps/api
COPY --from=build --chown=node:node /app/apps/api/dist apps/api/dist
COPY --chown=node:node apps/cli apps/cli
USER node
ENV API_HOST=0.0.0.0
# Two malloc arenas, not one per thread: sign-ins' Argon2 memory (19 MB a hash, in libuv's
# threads) stays in fewer arenas; RSS 281-308 MB instead of 326-335 under reliability:load's mix
# (scripts/lib/api-node-flags.ts).
ENV MALLOC_ARENA_MAX=2
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch(\"http://127.0.0.1:4000/health\").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: the process finishes what it has started (close-with-grace), then exits.
STOPSIGNAL SIGTERM
# A V8 old-space limit of 192 MB (scripts/lib/api-node-flags.ts says why): RSS about 240 MB under
# load instead of 300-430. API_WORKERS' processes inherit it.
CMD ["node", "--max-old-space-size=192", "--enable-source-maps", "apps/api/dist/server.mjs"]
