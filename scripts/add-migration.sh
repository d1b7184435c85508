#!/usr/bin/env bash
# Adds one EF Core migration to both providers' migration sets after a model change, so SQLite (embedded default)
# and PostgreSQL (scale-out) stay in step. Installs dotnet-ef (the EF Core version the solution uses) under .tools/.
# Usage: bash scripts/add-migration.sh workflow|domain MigrationName
set -euo pipefail
cd "$(dirname "$0")/.."
context="${1:?workflow or domain}"; name="${2:?migration name}"
ef=.tools/dotnet-ef
if [ ! -x "$ef" ]; then
  version=$(sed -nE 's/.*"Microsoft.EntityFrameworkCore" Version="([^"]+)".*/\1/p' Directory.Packages.props)
  dotnet tool install dotnet-ef --tool-path .tools --version "$version"
fi
infra=src/GreenTierWorkflows.Infrastructure
pg=src/GreenTierWorkflows.Infrastructure.PostgreSql
case "$context" in
  workflow)
    "$ef" migrations add "$name" --context WorkflowDbContext --project "$infra" --startup-project "$infra" \
      --output-dir Persistence/Migrations/Sqlite --namespace GreenTierWorkflows.Infrastructure.Persistence.Migrations.Sqlite
    "$ef" migrations add "$name" --context WorkflowDbContext --project "$pg" --startup-project "$pg" \
      --output-dir Migrations/WorkflowStore --namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.WorkflowStore ;;
  domain)
    "$ef" migrations add "$name" --context GreenTierDbContext --project "$infra" --startup-project "$infra" \
      --output-dir Domain/Migrations --namespace GreenTierWorkflows.Infrastructure.Domain.Migrations
    "$ef" migrations add "$name" --context GreenTierDbContext --project "$pg" --startup-project "$pg" \
      --output-dir Migrations/Domain --namespace GreenTierWorkflows.Infrastructure.PostgreSql.Migrations.Domain ;;
  *) echo "first argument: workflow or domain" >&2; exit 2 ;;
esac
# dotnet-ef writes a model snapshot by its namespace when that differs from the folder; keep it beside its migrations.
{ find "$pg/GreenTierWorkflows" -name '*ModelSnapshot.cs' 2>/dev/null || true; } | while read -r snapshot; do
  case "$snapshot" in
    *Migrations/WorkflowStore/*) mv "$snapshot" "$pg/Migrations/WorkflowStore/" ;;
    *Migrations/Domain/*) mv "$snapshot" "$pg/Migrations/Domain/" ;;
  esac
done
rm -rf "$pg/GreenTierWorkflows"
{ find "$infra/GreenTierWorkflows" -name '*ModelSnapshot.cs' 2>/dev/null || true; } | while read -r snapshot; do
  case "$snapshot" in
    *Persistence/Migrations/Sqlite/*) mv "$snapshot" "$infra/Persistence/Migrations/Sqlite/" ;;
    *Domain/Migrations/*) mv "$snapshot" "$infra/Domain/Migrations/" ;;
  esac
done
rm -rf "$infra/GreenTierWorkflows"
echo "added $name to both migration sets; review them with git status"
