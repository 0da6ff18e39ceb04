# syntax=docker/dockerfile:1
# okrbot: build stage compiles TypeScript and the SQLite driver; the runtime stage holds only what runs.

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY bin ./bin
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
# okrbot's live heap stays near 50 MB even through a 10,000-owner round (it is streamed in batches); without a
# cap V8 lets garbage pile up to ~280 MB RSS before collecting it. 160 MB keeps serve under 200 MB RSS
# (`npm run bench -- checkin-round`); raise it if your organisation is much larger.
ENV NODE_OPTIONS=--max-old-space-size=160 \
    NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/okrbot.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json package-lock.json LICENSE ./
COPY bin ./bin
COPY manifest ./manifest
COPY src/demo/sample-org.yaml ./src/demo/sample-org.yaml
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "bin/okrbot.js", "serve"]
