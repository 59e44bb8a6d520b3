#!/usr/bin/env bash
# CI: README.md's two lines, read from README.md and run as written, on a fresh Debian 12 root.
#
# The root is `debootstrap --variant=minbase bookworm` with python3, venv, pip, git and
# ca-certificates and nothing else; it is built once and kept as a tarball (rebuilt after 7 days),
# and every run unpacks a new copy of it, so no run sees what an earlier one installed. Steps:
#   1. a wheel of the checkout in a fresh venv, before any system package: `kiosk` must say which
#      libraries are missing and exit 1 (no Qt abort), and say "no display" without one;
#   2. line 1 as root (no sudo on a bare root): the kiosk opens a real window on an X server (Xvfb,
#      on this host; the root gets only its socket) and is stopped at its first attract frame;
#      then `kiosk doctor` must find every library for the xcb and wayland platforms, and the wheel
#      from step 1 renders `kiosk screenshot --screen home`, checked not blank;
#   3. line 1 as a normal user with sudo, in the user's own checkout, to the first attract frame;
#   4. line 2 as that user: the whole test suite.
#   5. Wayland: cage (the touch PC's compositor, packaging/README.md) installed in the root after
#      line 2, headless, runs the user's kiosk with QT_QPA_PLATFORM=wayland to its first attract frame.
# Prints the wall time of each step, the venv size and the wheel size; the logs of the last run are
# kept in $KIOSK_CI_CACHE/last-run/.
#
#   .ci/fresh-root.sh              (as root; needs debootstrap, Xvfb)
#   KIOSK_CI_CACHE=DIR             where the root tarball and the apt/pip caches live
#   KIOSK_CI_COLD=1                empty pip and apt caches for this run (to measure a cold install;
#                                  pip stores nothing when a proxy strips PyPI's Cache-Control)
#   KIOSK_CI_TMPFS=0               build the root on disk (/var/tmp) instead of an 8 GB tmpfs
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${KIOSK_CI_CACHE:-/var/cache/living-lab-kiosk-ci}"
MIRROR="${KIOSK_CI_MIRROR:-http://deb.debian.org/debian}"
BASE="$CACHE/bookworm-minbase.tar"
ATTRACT_TIMEOUT=900

[[ $(id -u) -eq 0 ]] || { echo "fresh-root: run as root (debootstrap, chroot, mount)" >&2; exit 2; }
mkdir -p "$CACHE"

# The two lines, exactly as README.md has them: the first two lines of its first ```sh block.
mapfile -t LINES < <(sed -n '/^```sh$/,/^```$/p' "$REPO/README.md" | sed '1d;$d' | head -2)
LINE1="${LINES[0]:?README.md has no first line}"
LINE2="${LINES[1]:?README.md has no second line}"

WORK="$(mktemp -d /var/tmp/kiosk-fresh-root.XXXXXX)"
R="$WORK/root"
MOUNTS=()
PIDS=()
if [[ ${KIOSK_CI_TMPFS:-1} == 1 ]]; then
    # The root grows to ~3.5 GB (three venvs); on tmpfs it unpacks faster and goes in one umount
    # instead of minutes of rm. KIOSK_CI_TMPFS=0 keeps it on disk.
    mount -t tmpfs -o size=8g,mode=700 kiosk-fresh-root "$WORK"
    MOUNTS+=("$WORK")
fi
cleanup() {
    set +e
    for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null; done
    # anything still running inside the root was started by this script
    for proc in /proc/[0-9]*; do
        [[ "$(readlink "$proc/root" 2>/dev/null)" == "$R" ]] && kill -9 "${proc#/proc/}" 2>/dev/null
    done
    rm -rf "$CACHE/last-run" && mkdir -p "$CACHE/last-run" && cp "$WORK"/*.log "$CACHE/last-run/" 2>/dev/null
    for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do umount "${MOUNTS[i]}" || umount -l "${MOUNTS[i]}"; done
    if grep -q " $WORK[/ ]" /proc/mounts; then
        echo "fresh-root: still mounted under $WORK, not deleting it" >&2
    else
        rm -rf --one-file-system "$WORK"
    fi
}
trap cleanup EXIT

stamp() { date +%s; }
took() { echo $(($(stamp) - $1)); }
say() { echo "fresh-root: $*"; }

# --- the base root, built once ---------------------------------------------------------------
t=$(stamp)
if [[ ! -f $BASE ]] || [[ -n $(find "$BASE" -mtime +7) ]]; then
    say "debootstrap bookworm (minbase) ..."
    mkdir "$WORK/base"
    debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,git,ca-certificates \
        bookworm "$WORK/base" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
        { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
    chroot "$WORK/base" apt-get clean
    tar -C "$WORK/base" -cf "$BASE.part" . && mv "$BASE.part" "$BASE"
    rm -rf --one-file-system "$WORK/base"
    say "base root built in $(took "$t") s ($(du -h "$BASE" | cut -f1))"
fi
t=$(stamp)
mkdir "$R"
tar -C "$R" -xf "$BASE"
say "fresh copy of the base root in $(took "$t") s"

# --- what the root borrows from this host: DNS, the network's CA certificates, devices --------
cp /etc/resolv.conf "$R/etc/resolv.conf"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$R/usr/local/share/ca-certificates/"
    chroot "$R" update-ca-certificates >/dev/null 2>&1
fi
bind() { mkdir -p "$2"; mount --bind "$1" "$2"; MOUNTS+=("$2"); }
mount -t proc proc "$R/proc"; MOUNTS+=("$R/proc")
bind /dev "$R/dev"
bind /dev/pts "$R/dev/pts"
if [[ -n ${KIOSK_CI_COLD:-} ]]; then
    CACHES="$WORK/cold"
else
    CACHES="$CACHE"
fi
mkdir -p "$CACHES/apt/partial" "$CACHES/pip-root" "$CACHES/pip-user" "$CACHES/pip-wheel"
bind "$CACHES/apt" "$R/var/cache/apt/archives"
bind "$CACHES/pip-root" "$R/root/.cache/pip"
bind "$CACHES/pip-wheel" "$R/var/cache/pip-wheel"  # step 1's own: line 1 then starts as cold as asked
rm -f "$R/etc/apt/apt.conf.d/docker-clean"  # keep downloaded .debs in the shared cache

# An X server on this host; the root sees only its socket.
xdisp_file="$WORK/xdisplay"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$xdisp_file" >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [[ -s $xdisp_file ]] && break; sleep 0.1; done
DISPLAY_NUM=":$(cat "$xdisp_file")"
bind /tmp/.X11-unix "$R/tmp/.X11-unix"

# The checkout as git sees it (tracked and new files, nothing ignored: no .venv, build or dist).
copy_checkout() {
    mkdir -p "$1"
    git -C "$REPO" ls-files -z --cached --others --exclude-standard |
        (cd "$REPO" && tar --null -T - -cf - 2>/dev/null) | tar -C "$1" -xf -
}
copy_checkout "$R/src"

in_root() {  # in_root USER HOME [VAR=VALUE ...] -- COMMAND
    local user=$1 home=$2
    shift 2
    local vars=()
    while [[ $1 != -- ]]; do vars+=("$1"); shift; done
    shift
    chroot --userspec="$user:$user" "$R" /usr/bin/env -i HOME="$home" USER="$user" LANG=C.UTF-8 \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${vars[@]}" /bin/bash -c "$*"
}

# Start COMMAND in the root, wait for the kiosk's first attract frame, stop it; fail on a timeout.
until_attract() {  # until_attract NAME USER HOME DIR LINE [VAR=VALUE ...] (default: DISPLAY=the Xvfb)
    local name=$1 user=$2 home=$3 dir=$4 line=$5 log="$WORK/$1.log" start pid
    shift 5
    local vars=("$@")
    ((${#vars[@]})) || vars=(DISPLAY="$DISPLAY_NUM")
    start=$(stamp)
    setsid chroot --userspec="$user:$user" "$R" /usr/bin/env -i HOME="$home" USER="$user" \
        LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        "${vars[@]}" /bin/bash -c "cd $dir && $line" >"$log" 2>&1 </dev/null &
    pid=$!
    PIDS+=("$pid")
    local deadline=$((SECONDS + ATTRACT_TIMEOUT))
    until grep -q "attract painted" "$log"; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS > deadline)); then
            say "$name: the kiosk did not paint its attract screen; the end of its log:" >&2
            tail -40 "$log" >&2
            exit 1
        fi
        sleep 1
    done
    say "$name: first attract frame after $(took "$start") s ($(grep -o 'attract painted.*' "$log"))"
    kill -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}

# --- 1. a wheel in a fresh venv, before the system packages -----------------------------------
t=$(stamp)
in_root root /root PIP_CACHE_DIR=/var/cache/pip-wheel -- "python3 -m venv /opt/wheel-venv && cd /src &&
    /opt/wheel-venv/bin/pip wheel -q --no-deps -w /opt/wheel /src &&
    /opt/wheel-venv/bin/pip install -q /opt/wheel/living_lab_kiosk-*.whl" >"$WORK/wheel.log" 2>&1 ||
    { tail -30 "$WORK/wheel.log" >&2; exit 1; }
wheel_size=$(du -h "$R"/opt/wheel/living_lab_kiosk-*.whl | cut -f1)
say "wheel built and installed in a fresh venv in $(took "$t") s (wheel $wheel_size)"
expect_refusal() {  # expect_refusal WHAT TEXT [VAR=VALUE ...]
    local what=$1 text=$2 code=0
    shift 2
    in_root root /root "$@" -- "cd / && /opt/wheel-venv/bin/kiosk --data-dir /tmp/probe --windowed" \
        >"$WORK/refusal.log" 2>&1 || code=$?
    if [[ $code -ne 1 ]] || ! grep -q -- "$text" "$WORK/refusal.log"; then
        say "$what: expected exit 1 and '$text', got exit $code:" >&2
        cat "$WORK/refusal.log" >&2
        exit 1
    fi
    say "$what: exit 1, $(head -c 300 "$WORK/refusal.log" | tr '\n' ' ')"
}
expect_refusal "no display" "no display: DISPLAY is not set"
expect_refusal "no system libraries" "apt install libxcb-cursor0" DISPLAY="$DISPLAY_NUM"

# --- 2. line 1 as root ------------------------------------------------------------------------
say "line 1: $LINE1"
until_attract "line-1-root" root /root /src "$LINE1"
in_root root /root -- "cd /src && .venv/bin/kiosk doctor --no-qt --json" >"$WORK/doctor.json" || true
python3 - "$WORK/doctor.json" <<'PY'
import json, sys
checks = {c["name"]: c for c in json.load(open(sys.argv[1]))}
bad = {n: checks[n]["detail"] for n in ("qt xcb", "qt wayland", "fonts") if checks[n]["level"] != "OK"}
if bad:
    sys.exit(f"fresh-root: kiosk doctor after line 1: {bad}")
print("fresh-root: kiosk doctor after line 1: qt xcb, qt wayland and fonts OK")
PY
in_root root /root -- "cd / && /opt/wheel-venv/bin/kiosk --data-dir /tmp/wheel-data screenshot \
    --screen home --out /tmp/home.png --size 1280x800" >"$WORK/shot.log" 2>&1 ||
    { cat "$WORK/shot.log" >&2; exit 1; }
in_root root /root -- "/opt/wheel-venv/bin/python - /tmp/home.png" <<'PY'
import sys
from PIL import Image
colours = len(Image.open(sys.argv[1]).convert("RGB").getcolors(1 << 20) or ())
if colours < 200:
    sys.exit(f"fresh-root: the wheel's home screenshot looks blank ({colours} colours)")
print(f"fresh-root: the wheel renders home from outside the checkout ({colours} colours)")
PY
say "venv of line 1: $(du -sh "$R/src/.venv" | cut -f1)"

# --- 3. line 1 as a normal user with sudo -----------------------------------------------------
in_root root /root -- "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends sudo \
    >/dev/null && useradd --create-home --shell /bin/bash ci &&
    echo 'ci ALL=(ALL) NOPASSWD: ALL' >/etc/sudoers.d/ci && chmod 440 /etc/sudoers.d/ci"
copy_checkout "$R/home/ci/src"
bind "$CACHES/pip-user" "$R/home/ci/.cache/pip"
chroot "$R" chown -R ci:ci /home/ci
until_attract "line-1-user" ci /home/ci /home/ci/src "$LINE1"

# --- 4. line 2 as that user: the test suite ---------------------------------------------------
say "line 2: $LINE2"
t=$(stamp)
if ! in_root ci /home/ci -- "cd ~/src && $LINE2" >"$WORK/line-2.log" 2>&1 </dev/null; then
    tail -60 "$WORK/line-2.log" >&2
    say "line 2 failed after $(took "$t") s" >&2
    exit 1
fi
say "line 2 passed in $(took "$t") s: $(tail -1 "$WORK/line-2.log")"
if grep -q "Logging error" "$WORK/line-2.log"; then
    say "line 2 printed logging tracebacks:" >&2
    grep -A5 "Logging error" "$WORK/line-2.log" | head -20 >&2
    exit 1
fi

# --- 5. Wayland: the kiosk in cage, as on the touch PC -----------------------------------------
t=$(stamp)
in_root root /root -- "DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    cage xwayland >/dev/null 2>&1 && install -d -m 700 -o ci -g ci /run/user/ci"
say "cage installed in $(took "$t") s"
until_attract "cage-wayland" ci /home/ci /home/ci/src \
    "cage -d -s -- env QT_QPA_PLATFORM=wayland XDG_SESSION_TYPE=wayland .venv/bin/kiosk --data-dir /tmp/cage" \
    XDG_RUNTIME_DIR=/run/user/ci WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1
