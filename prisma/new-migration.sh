#!/usr/bin/env bash
# Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that turns the schema at a git
# revision (default HEAD) into the working copy's prisma/schema.prisma.
#
# Prisma 7's CLI needs a native schema engine that offline machines cannot download; Prisma 6.19's
# WASM engine computes the same schema-to-schema diff without it. It is fetched from the npm registry
# into a temporary folder (a development tool only, not a dependency of kao). Its driver adapter
# insists on connecting to some Postgres: DIFF_DATABASE_URL, or the running embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: prisma/new-migration.sh <name_in_snake_case> [git-revision]}"
rev="${2:-HEAD}"
[[ "$name" =~ ^[a-z0-9_]+$ ]] || { echo "name must be snake_case" >&2; exit 2; }

url="${DIFF_DATABASE_URL:-}"
if [ -z "$url" ]; then
  creds=".data/postgres/credentials.json"
  [ -f "$creds" ] || { echo "set DIFF_DATABASE_URL or start kao once (npm start) so the embedded Postgres exists" >&2; exit 2; }
  url=$(node -e 'const c=require(process.argv[1]);console.log(`postgresql://${c.user}:${encodeURIComponent(c.password)}@127.0.0.1:${process.env.KAO_PG_PORT||54329}/postgres`)' "$PWD/$creds")
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
strip() { sed -e '/^generator client/,/^}/d' -e 's/^  provider = "postgresql"$/  provider = "postgresql"\n  url      = env("DIFF_DATABASE_URL")/' "$1"; }
git show "$rev:prisma/schema.prisma" > "$tmp/old.full" 2>/dev/null || : > "$tmp/old.full"
strip "$tmp/old.full" > "$tmp/old.prisma"
strip prisma/schema.prisma > "$tmp/new.prisma"
cat > "$tmp/prisma.config.ts" <<TS
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
export default defineConfig({ engine: "js", experimental: { adapter: true }, adapter: async () => new PrismaPg({ connectionString: process.env.DIFF_DATABASE_URL }) } as never);
TS
(cd "$tmp" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund prisma@6.19 @prisma/adapter-pg@6.19 >/dev/null)
from=(--from-schema-datamodel old.prisma)
[ -s "$tmp/old.full" ] || from=(--from-empty)
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"
mkdir -p "$dir"
(cd "$tmp" && DIFF_DATABASE_URL="$url" PRISMA_QUERY_ENGINE_LIBRARY=/bin/false PRISMA_SCHEMA_ENGINE_BINARY=/bin/false \
  npx prisma migrate diff "${from[@]}" --to-schema-datamodel new.prisma --script) > "$dir/migration.sql"
echo "wrote $dir/migration.sql; review it, then run: npm run kao -- migrate"
