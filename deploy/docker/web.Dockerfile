# syntax=docker/dockerfile:1.7
# The web image (Next.js). Build from the repository root:
#   docker build -f deploy/docker/web.Dockerfile -t digitallz/web .
# Stage 1 builds the app with its dev tools (Tailwind, PostCSS); stage 2 installs only the
# production dependencies; the last stage runs `next start` as the unprivileged `node` user.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
RUN npm ci --workspace=@digitallz/web
COPY tsconfig.base.json ./
COPY packages/contracts packages/contracts
COPY apps/web apps/web
RUN npm run build --workspace=@digitallz/web

FROM node:20-bookworm-slim AS deps
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json ./
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
RUN npm ci --omit=dev --workspace=@digitallz/web && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=deps --chown=node:node /app ./
COPY --chown=node:node packages/contracts packages/contracts
COPY --chown=node:node apps/web apps/web
COPY --from=build --chown=node:node /app/apps/web/.next apps/web/.next
USER node
WORKDIR /app/apps/web
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch(\"http://127.0.0.1:3000/\").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# API_URL: where the web server reaches the API (http://api:4000 in compose).
CMD ["node", "/app/node_modules/next/dist/bin/next", "start", "-p", "3000", "-H", "0.0.0.0"]
