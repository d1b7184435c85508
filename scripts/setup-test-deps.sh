#!/usr/bin/env bash
# Installs what the test suite needs beyond the .NET SDK. Idempotent and non-interactive.
# Today the runtime's tests need only SQLite, which ships inside the Microsoft.Data.Sqlite package.
# Later suites add here: maildev (npm), PostgreSQL and Chromium with CJK fonts (apt).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet restore GreenTierWorkflows.sln -nologo -v quiet
