#!/usr/bin/env bash
# Sets up the reference system, natasha 1.6.0, in a virtual environment under .cache/,
# for the side-by-side benchmarks and the agreement checks. Needs PyPI; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.cache/natasha-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import natasha" 2>/dev/null; then
  "$venv/bin/pip" install --quiet "natasha==1.6.0"
fi
"$venv/bin/python" -c "import natasha, slovnet, navec; print('natasha', natasha.__name__, 'ready in $venv')"
