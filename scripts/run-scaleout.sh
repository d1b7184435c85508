#!/usr/bin/env bash
# Scale-out mode on one machine: a throwaway PostgreSQL cluster (database "greentier"), maildev, and N app nodes
# (default 2) on 127.0.0.1:5101, 5102, … that share the database for EF Core and Hangfire (uploaded materials are
# stored in it too). Demo accounts as in scripts/run.sh. Ctrl-C stops the nodes and removes the cluster.
# Against a real server, set the same variables yourself: Data__Provider=PostgreSql, ConnectionStrings__GreenTier,
# Scheduling__Storage=PostgreSql, ConnectionStrings__Hangfire.
# Usage: bash scripts/run-scaleout.sh [nodes] [first-port]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
nodes="${1:-2}"; first_port="${2:-5101}"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ ! -f node_modules/maildev/package.json ]; then
  bash scripts/setup-test-deps.sh
fi
pids=()
pg_dir=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$pg_dir" ] && bash scripts/test-postgres.sh stop "$pg_dir"
}
trap cleanup EXIT INT TERM

eval "$(bash scripts/test-postgres.sh start)"
pg_dir="$GTW_TEST_POSTGRES_DIR"
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
pg_port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$GTW_TEST_POSTGRES")
"$pgbin/psql" -q -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE greentier" >/dev/null
connection="Host=127.0.0.1;Port=${pg_port};Username=postgres;Database=greentier"
echo "== PostgreSQL: $connection"

smtp_port=1025; mail_ui=1080
node node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 -s "$smtp_port" -w "$mail_ui" >/tmp/greentier-maildev.log 2>&1 &
pids+=($!)
echo "== maildev: SMTP 127.0.0.1:${smtp_port}, inbox http://127.0.0.1:${mail_ui}"

echo "== build"
dotnet build src/GreenTierWorkflows.Web -c Release -nologo -v quiet
mkdir -p data-scaleout
export Data__Provider=PostgreSql ConnectionStrings__GreenTier="$connection"
export Scheduling__Storage=PostgreSql ConnectionStrings__Hangfire="$connection"
export Data__Directory="$PWD/data-scaleout" Demo__Enabled=true ASPNETCORE_ENVIRONMENT=Production
export Demo__AllowInProduction=true # a local demonstration: demo accounts in the Production environment on purpose
export Notices__Smtp__Host=127.0.0.1 Notices__Smtp__Port="$smtp_port"
for i in $(seq 0 $((nodes - 1))); do
  port=$((first_port + i))
  Notices__AppUrl="http://127.0.0.1:${port}" Nominations__AppUrl="http://127.0.0.1:${port}" \
    dotnet src/GreenTierWorkflows.Web/bin/Release/net10.0/GreenTierWorkflows.Web.dll --urls "http://127.0.0.1:${port}" \
    >"/tmp/greentier-node-${port}.log" 2>&1 &
  pids+=($!)
  echo "== node $((i + 1)): http://127.0.0.1:${port} (log /tmp/greentier-node-${port}.log)"
done
for i in $(seq 0 $((nodes - 1))); do
  port=$((first_port + i))
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:${port}/health" >/dev/null && break; sleep 0.5; done
  curl -sf "http://127.0.0.1:${port}/health" >/dev/null || { echo "node on ${port} did not start; see its log"; exit 1; }
done
echo "== all ${nodes} nodes healthy; e.g. bash scripts/walk-nomination.sh http://127.0.0.1:${first_port}. Ctrl-C stops."
wait
