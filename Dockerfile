# Tickflow container: production deps installed with npm, run by the Bun runtime image.

# --- deps: resolve production dependencies exactly as locked ---
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=dev drops typescript and the npm "bun" package: the runtime image already
# ships Bun. --ignore-scripts keeps install hooks from running at build time.
RUN npm ci --omit=dev --ignore-scripts

# --- runtime ---
FROM oven/bun:1.4-slim
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
# .dockerignore keeps node_modules, var, .git and .ci out, so this copies source only.
COPY . .

ENV NODE_ENV=production \
    PORT=3000 \
    TICKFLOW_DB=/app/var/tickflow.db

# The database lives in /app/var; the non-root user "bun" (from the base image)
# must own it before the volume is declared, or the app cannot write there.
RUN mkdir -p /app/var && chown bun:bun /app/var
VOLUME /app/var
USER bun

EXPOSE 3000
# The slim image has no curl, so probe with Bun's fetch. Shell form so that
# ${PORT:-3000} follows a PORT overridden at `docker run -e PORT=...`.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s \
  CMD bun -e "fetch('http://127.0.0.1:${PORT:-3000}/api/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

CMD ["bun", "main.ts"]
