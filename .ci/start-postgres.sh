#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on loopback for the storage tests and prints its URL on the last line.
# Installs PostgreSQL from Debian's packages when it is missing. Usage: bash .ci/start-postgres.sh [DIR] [PORT]
set -euo pipefail
dir=${1:-/tmp/okrbot-pg}
port=${2:-54329}

find_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

bin=$(find_bin || true)
if [ -z "$bin" ]; then
  echo "PostgreSQL not found; installing it from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(find_bin)
fi

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
run_as=()
if [ "$(id -u)" = "0" ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  run_as=(runuser -u postgres --)
fi

if [ -f "$dir/postmaster.pid" ]; then
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir" stop -m immediate >/dev/null 2>&1 || true
fi
rm -rf "$dir"
mkdir -p "$dir"
[ ${#run_as[@]} -gt 0 ] && chown postgres "$dir"
"${run_as[@]}" "$bin/initdb" -D "$dir" -U okrbot --auth=trust -E UTF8 --no-locale >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
"$bin/psql" -h 127.0.0.1 -p "$port" -U okrbot -d postgres -qc "create database okrbot" >/dev/null
echo "postgres://okrbot@127.0.0.1:$port/okrbot"
