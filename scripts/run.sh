#!/usr/bin/env bash
# Sets up and runs the app on its embedded defaults: SQLite under data/, demo accounts, Elsa Studio under /studio.
# Usage: bash scripts/run.sh [port]   (default 5080; binds 127.0.0.1 only)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port="${1:-5080}"
if [ ! -f node_modules/@elsa-workflows/elsa-studio-wasm/_framework/blazor.webassembly.js ]; then
  echo "== npm ci (Elsa Studio 3.8.2)"
  npm ci --no-audit --no-fund
fi
echo "== build"
dotnet build src/GreenTierWorkflows.Web -c Release -nologo -v quiet
cat <<TXT
== GreenTierWorkflows on http://127.0.0.1:${port}
   Sign in at http://127.0.0.1:${port}/account/login — demo password: Demo#2026
   Accounts: designer, admin (Elsa Studio at /studio); tunxi huangshanqu huizhou shexian xiuning yixian qimen gaoxin (district bureaus);
             city (city reviewer), verifier (on-site verification), province (provincial liaison)
TXT
export Demo__Enabled=true ASPNETCORE_ENVIRONMENT=Development
exec dotnet src/GreenTierWorkflows.Web/bin/Release/net10.0/GreenTierWorkflows.Web.dll --urls "http://127.0.0.1:${port}"
