#!/usr/bin/env bash
# A walk through the workflow runtime with `gtw` on a SQLite file (no web host needed).
# It validates workflows/ and runs the annual declaration round
# on a SQLite file under data/, then delivers the events that move it forward.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/GreenTierWorkflows.Cli -c Release -nologo -v quiet
gtw() { dotnet src/GreenTierWorkflows.Cli/bin/Release/net10.0/gtw.dll "$@"; }
mkdir -p data
db=data/demo-runtime.db
rm -f "$db" "$db-wal" "$db-shm"
echo "== gtw validate"
gtw validate
echo "== gtw publish"
gtw publish workflows/*.json --db "$db"
echo "== gtw trigger: 申报窗口开启（事件启动已发布的“年度申报轮次”工作流，运行到截止提醒前的 Delay）"
opened=$(gtw trigger --db "$db" --event declaration-window-opened \
  --input year=2026 --input type=green-factory --input typeName=绿色工厂 --input deadline=2026-05-15 --input reminderAfter=7.00:00:00)
echo "$opened" | grep -E '"(status|subStatus|instanceId)"|申报' | head -8
bookmark=$(echo "$opened" | grep -m1 '"id":' | sed -E 's/.*"id": "([^"]+)".*/\1/')
echo "== gtw resume: the reminder is due (the web host's scheduler does this on time; here we resume bookmark $bookmark)"
gtw resume --db "$db" --bookmark "$bookmark" | grep -E '"(status|subStatus)"|提醒' | head -4
echo "== gtw trigger: 申报窗口关闭"
gtw trigger --db "$db" --event declaration-window-closed | grep -E '"(status|subStatus)"|关闭' | head -4
echo "Instances and journal are in $db. More: dotnet src/GreenTierWorkflows.Cli/bin/Release/net10.0/gtw.dll --help"
