# syntax=docker/dockerfile:1.7
# The worker image. Build from the repository root:
#   docker build -f deploy/docker/worker.Dockerfile -t digitallz/worker .
# Three stages: the production dependencies of the worker workspace only (no dev tools); the server
# bundled by build:servers; then both, with the sources the bundle reads at run time (the
# migrations), on a slim Node 20, running as the unprivileged `node` user.
FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
COPY apps/worker/package.json apps/worker/
COPY packages/contracts/package.json packages/contracts/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/sandbox/package.json packages/sandbox/
RUN npm ci --omit=dev --workspace=@digitallz/worker && npm cache clean --force

# The server bundled into one JavaScript file (npm run build:servers): no TypeScript loader at run time.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
COPY apps/worker/package.json apps/worker/
COPY packages/contracts/package.json packages/contracts/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/sandbox/package.json packages/sandbox/
RUN npm ci --include-workspace-root --workspace=@digitallz/worker
COPY tsconfig.base.json ./
COPY scripts/build-servers.ts scripts/
COPY packages packages
COPY apps/worker apps/worker
RUN npx tsx scripts/build-servers.ts worker

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app ./
COPY --chown=node:node tsconfig.base.json ./
COPY --chown=node:node packages packages
COPY --chown=node:node apps/worker apps/worker
COPY --from=build --chown=node:node /app/apps/worker/dist apps/worker/dist
USER node
EXPOSE 9465
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch(\"http://127.0.0.1:9465/health\").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: the process finishes what it has started (close-with-grace), then exits.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "apps/worker/dist/server.mjs"]
