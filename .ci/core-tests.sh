#!/usr/bin/env bash
# The core's tests (tests/unit) in a venv WITHOUT PySide6, pyqtgraph or pytest-qt: proves the
# Qt-free layers (content, store, sync, data, runtime, health, admin, analytics, voice) need no Qt.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${CORE_VENV:-.venv-core}"
python3 -m venv "$VENV"
. "$VENV/bin/activate"
pip install -q --no-deps -e .
# pyproject's dependencies minus the UI's (PySide6, pyqtgraph), plus the test runner.
python - <<'PY' > "$VENV/core-requirements.txt"
import tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
print("\n".join(d for d in deps if not d.lower().startswith(("pyside6", "pyqtgraph"))))
print("pytest>=8,<10\npytest-timeout>=2.3,<3")
PY
pip install -q -r "$VENV/core-requirements.txt"
if python -c "import PySide6" 2>/dev/null || python -c "import pyqtgraph" 2>/dev/null; then
    echo "core venv must not have PySide6 or pyqtgraph" >&2
    exit 1
fi
python -m pytest -q -p no:cacheprovider tests/unit "$@"
