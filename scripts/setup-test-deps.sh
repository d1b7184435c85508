#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK. Idempotent and non-interactive (works on a fresh Debian 12).
#   - Elsa Studio (npm @elsa-workflows/elsa-studio-wasm, from package-lock.json) for the web host and browser tests
#   - Chromium and a CJK font (apt) for the Playwright browser tests (Playwright drives the system Chromium, no download)
#     and for the PDF documents the app prints (申报书, 推荐文件, 公示 …: headless Chromium, Noto CJK); poppler-utils
#     (pdftotext, pdfinfo, pdffonts, pdftoppm) for the document tests, which read the PDFs back
#   - NuGet packages (dotnet restore); SQLite ships inside Microsoft.Data.Sqlite
#   - maildev (npm devDependency, from package-lock.json): the SMTP sink with an HTTP API for the notice tests
#   - PostgreSQL server binaries (apt) for the Hangfire-on-PostgreSQL tests
set -euo pipefail
export CI=true DEBIAN_FRONTEND=noninteractive
exec </dev/null
cd "$(dirname "$0")/.."

step() { printf '[setup] %s\n' "$*"; }
apt_install() { # packages...
  local sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo -n)
  step "apt: installing $*"
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq "$@" >/dev/null
}

# 1. Elsa Studio and maildev from the lock file (npm ci installs dependencies and devDependencies).
if [ -f node_modules/@elsa-workflows/elsa-studio-wasm/_framework/blazor.webassembly.js ] && [ -f node_modules/maildev/package.json ]; then
  step "npm: Elsa Studio and maildev already installed (node_modules/)"
else
  command -v npm >/dev/null || { echo "[setup] npm not found; install Node.js 20+ first" >&2; exit 1; }
  step "npm ci (Elsa Studio, maildev)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 2. Chromium and CJK fonts for the browser tests and the PDF documents; poppler-utils to read the PDFs back.
font_present() { fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || dpkg -s fonts-noto-cjk >/dev/null 2>&1; }
if [ -x /usr/bin/chromium ] && font_present && command -v pdftotext >/dev/null; then
  step "apt: chromium, fonts-noto-cjk and poppler-utils already installed"
else
  apt_install chromium fonts-noto-cjk poppler-utils
  step "apt: $(/usr/bin/chromium --version 2>/dev/null | tail -n1)"
fi

# 3. PostgreSQL server binaries (Hangfire on PostgreSQL; scripts/test-postgres.sh starts a throwaway cluster).
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  step "apt: postgresql already installed"
else
  apt_install postgresql
fi

# 4. NuGet packages.
step "dotnet restore"
dotnet restore GreenTierWorkflows.sln -nologo -v quiet
step "done"
