#!/usr/bin/env bash
# Walks one green-factory nomination through every role over the API of a running demo app (bash scripts/run.sh):
# shexian files it from the pool and submits, city returns it, shexian resubmits, city approves, verifier passes,
# city recommends, province records the provincial listing. Prints each step and the history at the end.
# Usage: bash scripts/walk-nomination.sh [base-url]   (default http://127.0.0.1:5080)
set -euo pipefail
base="${1:-http://127.0.0.1:5080}"
password="${DEMO_PASSWORD:-Demo#2026}"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
token() { curl -sf -X POST "$base/elsa/api/identity/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$1\",\"password\":\"$password\"}" | json "d['accessToken']"; }
call() { local user=$1; shift; curl -sS -f -H "Authorization: Bearer ${tokens[$user]}" "$@"; }
declare -A tokens
for u in shexian city verifier province; do tokens[$u]=$(token "$u"); done
year=$(date +%Y)

enterprise=$(call shexian "$base/api/pools?year=$year&pageSize=100" | json "[m for m in d['items'] if m.get('enterpriseId') and m['targetType']=='GreenFactory'][0]['enterpriseId']")
negative='[{"item":1,"clear":true},{"item":2,"clear":true},{"item":3,"clear":true},{"item":4,"clear":true},{"item":5,"clear":true},{"item":6,"clear":true}]'
nomination=$(call shexian -X POST "$base/api/nominations" -H 'Content-Type: application/json' -d "{\"type\":\"GreenFactory\",\"targetTier\":\"Province\",\"year\":$year,\"enterpriseId\":\"$enterprise\",\"evaluationMode\":\"SelfEvaluation\",\"score\":88,\"negativeList\":$negative}" | json "d['id']")
echo "1. shexian created nomination $nomination"
pdf=$(mktemp --suffix=.pdf); printf '%%PDF-1.4\n%% demo evaluation report\n' > "$pdf"
call shexian -X POST "$base/api/nominations/$nomination/materials" -F category=评价报告 -F "file=@$pdf;type=application/pdf;filename=评价报告.pdf" >/dev/null
call shexian -X POST "$base/api/nominations/$nomination/submit" | json "'2. submitted: ' + d['statusName'] + ' / ' + d['stage']"

decide() { # user stage outcome comment
  local task
  task=$(call "$1" "$base/api/tasks?pageSize=100" | json "[t for t in d['items'] if t['nominationId']=='$nomination' and t['stage']=='$2'][0]['id']")
  call "$1" -X POST "$base/api/tasks/$task/complete" -H 'Content-Type: application/json' -d "{\"outcome\":\"$3\",\"comment\":\"$4\"}" >/dev/null
  echo "   $1: $2 → $3"
}
decide city 市级评审 退回修改 "请补充能源审计报告"
decide shexian 退回修改 重新提交 ""
decide city 市级评审 通过 ""
decide verifier 现场核查 通过 ""
decide city 市级推荐 通过 ""
decide province 省级评审 通过 ""
call shexian "$base/api/nominations/$nomination" | json "'3. result: ' + d['statusName'] + ' / ' + d['stage']"
echo "4. history:"
call shexian "$base/api/nominations/$nomination/history" | json "'\n'.join('   ' + e['at'][:19] + '  ' + e['actorName'] + '  ' + e['action'] + '  ' + (e['comment'] or '') for e in d)"
echo "Notices sent to the local inbox: http://127.0.0.1:1080"
