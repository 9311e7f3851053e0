# Mentoría: a trial-ready image. Build: docker build -t mentoria . (CI does not build it: see docs/deploy.md).
# Stage 1 compiles TypeScript to dist/; stage 2 keeps the production dependencies and dist/ only.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The `node` package (the project's pinned runtime for machines without Node 24) is not needed in
# an image whose base is Node 24; its install script is skipped with the others.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY migrations ./migrations
COPY bin ./bin
RUN node node_modules/typescript/bin/tsc -p tsconfig.build.json

FROM node:24-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY manifest ./manifest
# The embedded database (only without DATABASE_URL, for a trial) lives in /data.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=1024", "--enable-source-maps", "dist/src/main.js"]
