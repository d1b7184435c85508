#!/usr/bin/env bash
# Installs what the tests need and runs every test; ends with a plain "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Test needs beyond the .NET SDK are installed by scripts/setup-test-deps.sh (idempotent; a no-op when present).
bash scripts/setup-test-deps.sh || { echo "setup of test dependencies failed"; echo "0 passed, 1 failed"; exit 1; }

# A throwaway PostgreSQL cluster for the Hangfire-on-PostgreSQL tests, stopped when the run ends.
if pg_env=$(bash scripts/test-postgres.sh start); then
  eval "$pg_env"
  trap 'bash scripts/test-postgres.sh stop "$GTW_TEST_POSTGRES_DIR"' EXIT
else
  echo "PostgreSQL could not be started"; echo "0 passed, 1 failed"; exit 1
fi

results=artifacts/test-results
rm -rf "$results"; mkdir -p "$results"
log="$results/dotnet-test.log"

if ! dotnet build GreenTierWorkflows.sln -c Release -nologo -v quiet > "$results/build.log" 2>&1; then
  grep -E "error" "$results/build.log" | sort -u | head -40
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

dotnet test GreenTierWorkflows.sln -c Release --no-build -nologo --results-directory "$results" \
  --logger "trx" > "$log" 2>&1
status=$?
# Show each failure with its message and the first lines of its stack (the CI's record keeps only this output), then
# each assembly's summary.
awk '
  /^[[:space:]]+Failed [A-Za-z]/ { block = 1; stack = 0; lines = 0 }
  /^[[:space:]]+(Passed|Skipped) [A-Za-z]/ || /^(Passed|Failed)!/ { block = 0 }
  block {
    if ($0 ~ /^[[:space:]]+Stack Trace:/) stack = 1
    else if (stack) stack++
    if (stack <= 8 && ++lines <= 60) print
  }
  /^(Passed|Failed)! +- Failed:/ { print }
' "$log" | head -400

# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 70, Skipped: 0, Total: 70").
read -r passed failed < <(grep -E "(Passed|Failed)! +- Failed:" "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+).*/\2 \1/' \
  | awk '{p+=$1; f+=$2} END {print p+0, f+0}')
assemblies=$(grep -cE "(Passed|Failed)! +- Failed:" "$log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$assemblies" -eq 0 ]; then echo "no test assembly reported results"; failed=$((failed + 1)); fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
