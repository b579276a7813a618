#!/usr/bin/env bash
# End-to-end test of the dyad web UI in headless Chromium.
#
#   scripts/ui-test.sh BASE_URL OUTDIR        e.g. scripts/ui-test.sh http://127.0.0.1:8080/ /tmp/ui-shots
#
# For each page (a hash route appended to BASE_URL) it dumps the DOM after the page's scripts have
# run and checks that <main id="page"> carries data-ready="1" and that no error box
# (class="error") is shown; then it takes a 1280x900 screenshot OUTDIR/NN-PAGE.png.
#
# Environment:
#   UI_PAGES        whitespace-separated hash routes replacing the default list
#                   (default: '#/' '#/search?q=визит' '#/actor/AZE' '#/dyad/AZE/GBR' '#/graph' '#/events')
#   UI_EXTRA_PAGES  routes added to the list
#   UI_EXPECT_<PAGE>  text the DOM of every page named PAGE (its data-page, upper-cased: HOME, SEARCH,
#                   ACTOR, DYAD, GRAPH, EVENTS, DOCUMENT) must contain, e.g. UI_EXPECT_DYAD="эмбарго"
#   UI_BUDGET_MS    virtual time budget given to Chromium per page (default 8000)
#   CHROMIUM        the browser binary (default /usr/bin/chromium, installed with apt-get when missing)
#
# Unless the list already has a '#/document/…' route, the first document link found in the pages
# tested is followed and tested as well, so the document page is covered without knowing an id.
# The dumped DOMs are kept as OUTDIR/NN-PAGE.html. Exit status is non-zero when any page fails.
set -u

if [ $# -lt 2 ]; then
  echo "usage: $0 BASE_URL OUTDIR" >&2
  exit 2
fi
BASE=$1
OUT=$2
case "$BASE" in */) ;; *) BASE="$BASE/" ;; esac
BUDGET=${UI_BUDGET_MS:-8000}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
mkdir -p "$OUT" || exit 2

if [ ! -x "$CHROMIUM" ]; then
  echo "ui-test: $CHROMIUM missing, installing Debian's chromium" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null \
    || { echo "ui-test: FAIL: could not install chromium" >&2; exit 2; }
  CHROMIUM=/usr/bin/chromium
fi

# The server must answer before Chromium is pointed at it.
if command -v curl >/dev/null; then
  if ! curl -fsS -o /dev/null --max-time 10 "$BASE"; then
    echo "ui-test: FAIL: $BASE does not answer" >&2
    exit 1
  fi
fi

if [ -n "${UI_PAGES:-}" ]; then
  read -r -a PAGES <<<"$UI_PAGES"
else
  PAGES=('#/' '#/search?q=визит' '#/actor/AZE' '#/dyad/AZE/GBR' '#/graph' '#/events')
fi
if [ -n "${UI_EXTRA_PAGES:-}" ]; then
  read -r -a EXTRA <<<"$UI_EXTRA_PAGES"
  PAGES+=("${EXTRA[@]}")
fi

# A fresh profile per run so no state leaks between runs; removed on exit.
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
chrome() {
  timeout 90 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$PROFILE" --no-first-run --disable-extensions \
    --virtual-time-budget="$BUDGET" "$@" 2>>"$OUT/chromium.log"
}

failed=()
n=0
test_page() {
  local route=$1 url="$BASE$1" dom tag page name
  n=$((n + 1))
  dom=$(chrome --dump-dom "$url")
  if [ -z "$dom" ]; then
    echo "FAIL $route: chromium dumped no DOM (see $OUT/chromium.log)"
    failed+=("$route"); return
  fi
  # The opening tag of <main id="page" …>, whatever the order of its attributes.
  tag=$(grep -o '<[a-z]*[^>]* id="page"[^>]*>' <<<"$dom" | head -n 1)
  page=$(sed -n 's/.*data-page="\([^"]*\)".*/\1/p' <<<"$tag")
  name=$(printf '%02d-%s' "$n" "${page:-unknown}")
  printf '%s\n' "$dom" >"$OUT/$name.html"
  chrome --screenshot="$OUT/$name.png" --window-size=1280,900 "$url" >/dev/null

  local why=()
  [ -n "$tag" ] || why+=('no element id="page"')
  if grep -q '<[a-z]*[^>]* class="error"' <<<"$dom"; then
    # Quote the error box's text, tags stripped.
    why+=("error shown: $(grep -o 'class="error"[^>]*>.*' <<<"$dom" | head -n 1 | sed 's#</div>.*##; s/<[^>]*>//g; s/^class="error"[^>]*>//' | cut -c1-200)")
  fi
  [[ "$tag" == *'data-ready="1"'* ]] || why+=('#page never got data-ready="1"')
  local var="UI_EXPECT_$(tr '[:lower:]' '[:upper:]' <<<"${page:-unknown}")"
  local want=${!var:-}
  if [ -n "$want" ] && ! grep -qF -- "$want" <<<"$dom"; then
    why+=("$var: text \"$want\" not found")
  fi
  if [ ${#why[@]} -eq 0 ]; then
    echo "ok   $route  [$page]  $OUT/$name.png"
  else
    echo "FAIL $route  [${page:-?}]: $(IFS=';'; echo "${why[*]}")  (DOM in $OUT/$name.html)"
    failed+=("$route")
  fi
  # Remember the first document link seen, to test the document page too.
  if [ -z "${DOC_ROUTE:-}" ]; then
    DOC_ROUTE=$(grep -o 'href="#/document/[^"?]*' <<<"$dom" | head -n 1 | sed 's/^href="//')
  fi
}

DOC_ROUTE=
for r in "${PAGES[@]}"; do test_page "$r"; done
case "${PAGES[*]}" in
  *'#/document/'*) ;;
  *) if [ -n "$DOC_ROUTE" ]; then test_page "$DOC_ROUTE"; else echo "note: no document link found, document page not tested"; fi ;;
esac

if [ ${#failed[@]} -gt 0 ]; then
  echo "ui-test: FAILED ${#failed[@]} of $n page(s): ${failed[*]}" >&2
  exit 1
fi
echo "ui-test: all $n pages ok; screenshots in $OUT"
