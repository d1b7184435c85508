#!/usr/bin/env bash
# Sets up and runs the app with its Production settings (src/GreenTierWorkflows.Web/appsettings.json: logs at
# Information with SQL at Warning, no stack traces in answers) plus demo data: SQLite under data/, in-process
# scheduling, demo accounts and enterprises, Elsa Studio under /studio, and a local SMTP catcher (maildev) whose inbox
# shows every notice sent. The working directory (content root) is the repository root, so data/, templates/ and
# workflows/ are found there; the app's own appsettings.json and its static files (wwwroot) are read from the app's
# folder: a ReadyToRun publish for this machine in src/GreenTierWorkflows.Web/bin/r2r (git-ignored), which starts about a
# third faster than the JIT-only build output (README, "National data set and load harness": cold start < 3 s).
# Usage: bash scripts/run.sh [port]   (default 5080; binds 127.0.0.1 only)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
port="${1:-5080}"
if [ ! -f node_modules/@elsa-workflows/elsa-studio-wasm/_framework/blazor.webassembly.js ] || [ ! -f node_modules/maildev/package.json ]; then
  echo "== npm ci (Elsa Studio 3.8.2, maildev)"
  npm ci --no-audit --no-fund
fi
# Generated documents (申报书, 推荐文件, 公示 …) are printed to PDF by headless Chromium with the Noto CJK fonts.
if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then
  echo "== apt: chromium fonts-noto-cjk (PDF documents)"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi
smtp_port=1025; mail_ui=1080
echo "== maildev: SMTP 127.0.0.1:${smtp_port}, inbox http://127.0.0.1:${mail_ui}"
node node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 -s "$smtp_port" -w "$mail_ui" >/tmp/greentier-maildev.log 2>&1 &
maildev_pid=$!
trap 'kill $maildev_pid 2>/dev/null || true' EXIT INT TERM
rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
app_dir=src/GreenTierWorkflows.Web/bin/r2r
echo "== build (ReadyToRun publish for ${rid:-linux-x64} into ${app_dir})"
dotnet publish src/GreenTierWorkflows.Web -c Release -r "${rid:-linux-x64}" --self-contained false -nologo -v quiet -o "$app_dir"
cat <<TXT
== GreenTierWorkflows on http://127.0.0.1:${port}
   Sign in at http://127.0.0.1:${port}/account/login — demo password: Demo#2026
   Accounts: designer, admin (Elsa Studio at /studio); tunxi huangshanqu huizhou shexian xiuning yixian qimen gaoxin (district bureaus);
             city (city reviewer), verifier (on-site verification), province (provincial liaison)
   Notices (e-mails) arrive in the local inbox: http://127.0.0.1:${mail_ui}
   Walk a nomination: shexian → POST /api/nominations from the pool, upload a PDF, submit; city → /api/tasks … (OpenAPI: /openapi/v1.json)
TXT
# Demo data in the Production environment must be asked for explicitly (Demo:AllowInProduction).
export ASPNETCORE_ENVIRONMENT=Production Demo__Enabled=true Demo__AllowInProduction=true
export Notices__Smtp__Host=127.0.0.1 Notices__Smtp__Port="$smtp_port" Notices__AppUrl="http://127.0.0.1:${port}" Nominations__AppUrl="http://127.0.0.1:${port}"
dotnet "$app_dir/GreenTierWorkflows.Web.dll" --urls "http://127.0.0.1:${port}" --webroot "$app_dir/wwwroot"
