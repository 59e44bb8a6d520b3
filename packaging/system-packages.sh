#!/bin/sh
# The Debian/Ubuntu packages the kiosk needs, in one place: README.md's first line, .ci/run and
# packaging/README.md all use this script, so the list cannot drift between them.
#
#   packaging/system-packages.sh           install them (apt-get; through sudo unless run as root)
#   packaging/system-packages.sh --list    print them for this system, one a line, install nothing
#
# What is in the list: the libraries Qt's platform plugins load to open a window under X11 (xcb),
# Wayland (cage) and eglfs, Qt Multimedia's (PulseAudio), Mesa's OpenGL/EGL, fontconfig with the
# Noto fonts for the scripts the kiosk shows (Arabic, Chinese, Japanese; Latin is the bundled Inter;
# the theme's fallback list names "Noto Sans Arabic UI" from fonts-noto-ui-core, whose line height
# the layouts and the home-screen baseline assume)
# and python3-venv. kiosk/health/qtlibs.py maps each library to its package for `kiosk doctor`;
# tests/e2e/test_qtlibs.py checks that every package it names is here.
# Reference system: Debian 12 (bookworm). Ubuntu 24.04 renamed a package; see system_names below.
set -eu

PACKAGES='
python3-venv
libegl1
libgl1
libglib2.0-0
libdbus-1-3
libfontconfig1
libfreetype6
fontconfig
libx11-6
libx11-xcb1
libxext6
libxrandr2
libxcb1
libxcb-cursor0
libxcb-glx0
libxcb-icccm4
libxcb-image0
libxcb-keysyms1
libxcb-randr0
libxcb-render0
libxcb-render-util0
libxcb-shape0
libxcb-shm0
libxcb-sync1
libxcb-util1
libxcb-xfixes0
libxcb-xkb1
libxkbcommon0
libxkbcommon-x11-0
libwayland-client0
libwayland-cursor0
libwayland-egl1
libdrm2
libgbm1
libpulse0
fonts-noto-core
fonts-noto-ui-core
fonts-noto-cjk
'

# Names that differ from Debian 12's on this system (Ubuntu 24.04 moved to 64-bit time_t "t64" names).
system_names() {
    os_id=""
    version=""
    os_release="${OS_RELEASE:-/etc/os-release}"  # OS_RELEASE: for the tests
    if [ -r "$os_release" ]; then
        # shellcheck disable=SC1090
        . "$os_release"
        os_id="${ID:-}"
        version="${VERSION_ID:-}"
    fi
    case "$os_id:$version" in
        ubuntu:24.*|ubuntu:25.*|ubuntu:26.*)
            echo "$PACKAGES" | sed -e 's/^libglib2\.0-0$/libglib2.0-0t64/' ;;
        *)
            echo "$PACKAGES" ;;
    esac | sed -e '/^$/d'
}

case "${1:-}" in
    --list)
        system_names
        exit 0 ;;
    "") ;;
    -h|--help)
        sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
        exit 0 ;;
    *)
        echo "$0: unknown option $1 (use --list, or nothing to install)" >&2
        exit 2 ;;
esac

if [ "$(id -u)" -eq 0 ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1; then
    as_root="sudo"
else
    echo "$0: installing system packages needs root: run it as root, or install sudo" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$0: no apt-get here; install the equivalents of: $(system_names | tr '\n' ' ')" >&2
    exit 1
fi

# shellcheck disable=SC2046 # one word per package
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(system_names)
