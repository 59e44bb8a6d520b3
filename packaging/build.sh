#!/usr/bin/env bash
# Build the one-folder kiosk: dist/living-lab-kiosk/living-lab-kiosk (+ _internal/).
#
#   packaging/build.sh                 build into ./dist (work files in ./build)
#   DIST=/opt/build packaging/build.sh build elsewhere
#
# Needs the `package` extra: pip install -e '.[package]'. After the build it checks that every
# bundled shared library finds its dependencies and that the binary starts (`--version`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="${DIST:-$ROOT/dist}"
WORK="${WORK:-$ROOT/build/pyinstaller}"
NAME="living-lab-kiosk"

if ! python -c "import PyInstaller" 2>/dev/null; then
    echo "PyInstaller is not installed: pip install -e '$ROOT[package]'" >&2
    exit 2
fi

cd "$ROOT"
start=$(date +%s)
python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$ROOT/packaging/kiosk.spec"
took=$(( $(date +%s) - start ))

app="$DIST/$NAME"
internal="$app/_internal"
missing=$(
    find "$internal" -name '*.so*' -type f -print0 |
    while IFS= read -r -d '' lib; do
        LD_LIBRARY_PATH="$internal:$internal/PySide6/Qt/lib:$internal/PySide6" ldd "$lib" 2>/dev/null |
            sed -n "s|^\s*\(\S*\) => not found|${lib#"$internal"/}: \1|p"
    done
)
if [[ -n "$missing" ]]; then
    echo "bundled libraries with missing dependencies (fix packaging/kiosk.spec):" >&2
    echo "$missing" >&2
    exit 1
fi

"$app/$NAME" --version
echo "built $app in ${took}s, $(du -sh "$app" | cut -f1)"
