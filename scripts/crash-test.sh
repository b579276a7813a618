#!/usr/bin/env bash
# Crash safety of `dyad ingest`, end to end:
#   1. generates N documents (default 100,000) with scripts/gen-corpus.py;
#   2. starts an ingest, and while it runs starts a second one into the same store, which
#      must fail at once with "store busy";
#   3. kills the first with SIGKILL after KILL_AFTER seconds (default 30);
#   4. `dyad check`: the store opens, SQLite's integrity check passes, and every stored
#      document has exactly the entities and claims of its record (nothing half-written);
#   5. ingests the same file again: it skips what is stored and finishes the rest;
#   6. checks again, and that the store holds N documents.
#
#   scripts/crash-test.sh [N] [WORKDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
work=${2:-/tmp/dyad-crash}
kill_after=${KILL_AFTER:-30}
cargo build --release -p dyad >/dev/null 2>&1 || cargo build --release -p dyad
dyad=./target/release/dyad
export DYAD_NO_PROGRESS=1
rm -rf "$work" && mkdir -p "$work"
db=$work/store.db
python3 scripts/gen-corpus.py "$n" > "$work/corpus.jsonl"
echo "crash-test: $n documents generated ($(du -h "$work/corpus.jsonl" | cut -f1))"

$dyad ingest --db "$db" "$work/corpus.jsonl" 2>"$work/first.log" &
first=$!
sleep 5
set +e
$dyad ingest --db "$db" "$work/corpus.jsonl" 2>"$work/second.log"
second=$?
set -e
if [ $second -eq 0 ] || ! grep -q "store busy" "$work/second.log"; then
  echo "crash-test: FAIL: a second ingest into the same store did not get 'store busy':" >&2
  cat "$work/second.log" >&2
  kill -9 $first
  exit 1
fi
echo "crash-test: second ingest refused: $(cat "$work/second.log")"
sleep "$kill_after"
kill -9 $first
wait $first 2>/dev/null || true
echo "crash-test: first ingest killed with SIGKILL after $((kill_after + 5)) s"

$dyad check --db "$db" | tee "$work/check1.txt"
before=$(awk '/^documents/ {print $2}' "$work/check1.txt")
if [ "${before:-0}" -ge "$n" ]; then
  echo "crash-test: FAIL: the ingest finished before the kill; raise N or lower KILL_AFTER" >&2
  exit 1
fi

start=$(date +%s)
$dyad ingest --db "$db" "$work/corpus.jsonl" 2>"$work/resume.log"
echo "crash-test: resumed in $(( $(date +%s) - start )) s: $(tail -2 "$work/resume.log" | head -1)"
$dyad check --db "$db" | tee "$work/check2.txt"
after=$(awk '/^documents/ {print $2}' "$work/check2.txt")
if [ "$after" -ne "$n" ]; then
  echo "crash-test: FAIL: $after documents stored, $n expected" >&2
  exit 1
fi
echo "crash-test: ok: $before documents survived the kill whole, $after after resuming"
