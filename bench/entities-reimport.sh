#!/usr/bin/env bash
# Re-import benchmark (docs/operations/scaling.md): imports FILE twice into a fresh PostgreSQL database of its own
# (dropped after) and prints, for each run, wall and CPU (the CLI process and the database's backends), the summary,
# rows written and the entities table's total size.
# Usage: bench/entities-reimport.sh FILE --database refuge_bench_NAME
# FILE: e.g. npm run bench:screen -- --entities 400000 --queries 10 --write /tmp/e400k.ftm.json
set -euo pipefail
FILE=$1
[ "${2:-}" = --database ] && [[ "${3:-}" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "usage: $0 FILE --database NAME" >&2; exit 64; }
DB=$3
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
ADMIN=postgres://postgres@127.0.0.1:5432/postgres
URL=postgres://postgres@127.0.0.1:5432/$DB
psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export DATABASE_URL=$URL REFUGE_DATA_DIR=$OUT/data REFUGE_DEMO=0
npx tsx src/cli/main.ts migrate >/dev/null
# CPU of the database backends serving $DB: sampled from /proc while the import runs (they exit with the CLI).
backend_cpu() {
  local -A seen=(); local total=0
  while kill -0 "$1" 2>/dev/null; do
    for p in $(pgrep -f "postgres: .* $DB "); do
      t=$(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null || echo 0); seen[$p]=$t
    done
    sleep 0.3
  done
  for p in "${!seen[@]}"; do total=$((total + seen[$p])); done
  echo "scale=1; $total / $(getconf CLK_TCK)" | bc
}
stats() {
  psql -At "$URL" -c "SELECT pg_size_pretty(pg_total_relation_size('entities')) || ' (' || pg_total_relation_size('entities') || ' B), n_tup_ins=' || n_tup_ins || ', n_tup_upd=' || n_tup_upd || ', n_tup_hot_upd=' || n_tup_hot_upd || ', n_dead_tup=' || n_dead_tup FROM pg_stat_user_tables WHERE relname = 'entities'"
}
for run in first second; do
  /usr/bin/time -f "cli: %e s wall, %U s user, %S s sys, max RSS %M KB" -o $OUT/time-$run \
    npx tsx src/cli/main.ts entities import "$FILE" --json > $OUT/out-$run.json &
  pid=$!
  bcpu=$(backend_cpu "$pid")
  wait $pid || true
  sleep 1 # let the statistics collector catch up
  echo "$run import: $(cat $OUT/time-$run), database backends: $bcpu s CPU"
  echo "  $(grep -o '"\(imported\|disappeared\)": [0-9]*' $OUT/out-$run.json | tr '\n' ' ')"
  echo "  entities: $(stats)"
done
psql -q "$ADMIN" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
