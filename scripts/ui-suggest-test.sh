#!/usr/bin/env bash
# The UI's actor look-up end to end in headless Chromium: a store of the shipped samples and
# two texts written here (two actors named Алиев), `dyad serve` on it, then
# scripts/ui-suggest-test.mjs types names into the search box (Cyrillic, Latin, a surname's
# start) and picks the suggestion, and opens the page of a surname two actors share.
#
#   scripts/ui-suggest-test.sh [OUTDIR]        screenshots in OUTDIR (default /tmp/ui-suggest)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/ui-suggest}
port=${PORT:-18181}
mkdir -p "$out"
command -v chromium >/dev/null || { apt-get install -y -qq chromium >/dev/null; }
cargo build --release -p dyad >/dev/null
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
cat >"$work/aliyevs.jsonl" <<'JSONL'
{"date": "2025-05-10", "title": "Память", "text": "В Баку почтили память общенационального лидера Гейдара Алиева. Президент Азербайджана Ильхам Алиев и первый вице-президент возложили цветы к могиле Гейдара Алиева. Гейдар Алиев руководил Азербайджаном более тридцати лет."}
{"date": "2025-06-02", "title": "Переговоры", "text": "Президент Азербайджана Ильхам Алиев принял в Баку министра иностранных дел Армении Арарата Мирзояна. Ильхам Алиев и Арарат Мирзоян обсудили подготовку мирного договора. Алиев отметил важность открытия коммуникаций."}
JSONL
DYAD_NO_PROGRESS=1 ./target/release/dyad ingest --db "$work/ui.db" samples/ "$work/aliyevs.jsonl" >/dev/null 2>&1 || true
./target/release/dyad serve --db "$work/ui.db" --addr "127.0.0.1:$port" 2>"$out/serve.log" &
server=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/api/stats" >/dev/null && break; sleep 0.2; done
node --experimental-websocket --no-warnings scripts/ui-suggest-test.mjs "http://127.0.0.1:$port/" '[
  {"type": "Пашин", "expect": "pashinyan_nikol"},
  {"type": "Pashin", "expect": "pashinyan_nikol"},
  {"type": "алие", "expect": "aliyev_heydar"},
  {"type": "Aliy", "expect": "aliyev_ilham"},
  {"type": "Мирз", "expect": "mirzoyan_ararat"},
  {"open": "#/actor/%D0%90%D0%BB%D0%B8%D0%B5%D0%B2%D1%8B%D0%BC", "candidates": ["aliyev_ilham", "aliyev_heydar"]}
]' "$out"
