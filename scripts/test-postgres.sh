#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster for the tests: trust auth, 127.0.0.1 only, data under a temp dir
# owned by the postgres user. `start` prints `export GTW_TEST_POSTGRES=...` lines for eval; `stop DIR` shuts it down.
set -euo pipefail
cmd="${1:-start}"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -n "$pgbin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi; }
if [ "$cmd" = stop ]; then
  as_postgres "$pgbin/pg_ctl" -D "$2" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$2"
  exit 0
fi
dir=$(mktemp -d /tmp/gtw-pg.XXXXXX)
chown postgres:postgres "$dir" 2>/dev/null || sudo -n chown postgres:postgres "$dir"
chmod 700 "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
as_postgres "$pgbin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pgbin/pg_ctl" -D "$dir" -l "$dir/server.log" -o "-c listen_addresses=127.0.0.1 -p $port -k $dir" -w -t 60 start >/dev/null
echo "export GTW_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
echo "export GTW_TEST_POSTGRES_DIR='$dir'"
