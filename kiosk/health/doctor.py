"""``kiosk doctor``'s machine checks that need no Qt; the Qt ones live in :mod:`kiosk.ui.doctor`.

Each check returns a :class:`Check`: OK, WARN (works, but not as it should on a kiosk) or FAIL
(the kiosk will not work), with what to do about it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urljoin

from kiosk.config import Config

Level = Literal["OK", "WARN", "FAIL"]
ABS_MT_POSITION_X = 0x35


@dataclass(frozen=True)
class Check:
    name: str
    level: Level
    detail: str
    fix: str = ""


def display(environ: Mapping[str, str]) -> Check:
    platform = environ.get("QT_QPA_PLATFORM", "")
    wayland, x11 = environ.get("WAYLAND_DISPLAY", ""), environ.get("DISPLAY", "")
    if platform in {"offscreen", "minimal"}:
        return Check("display", "WARN", f"QT_QPA_PLATFORM={platform}: nothing is shown on a screen",
                     "unset QT_QPA_PLATFORM in the kiosk session (it is for tests and screenshots)")
    if wayland or x11:
        what = f"Wayland {wayland}" if wayland else f"X11 {x11}"
        return Check("display", "OK", what + (f", QT_QPA_PLATFORM={platform}" if platform else ""))
    return Check("display", "FAIL", "neither WAYLAND_DISPLAY nor DISPLAY is set in this shell",
                 "run doctor inside the kiosk session (cage or X11 autologin), or set DISPLAY=:0")


def _input_devices(text: str) -> list[tuple[str, bool]]:
    """(name, multitouch) for each device block of ``/proc/bus/input/devices``."""
    out = []
    for block in text.strip().split("\n\n"):
        name, abs_bits = "", 0
        for line in block.splitlines():
            if line.startswith("N: Name="):
                name = line.split("=", 1)[1].strip().strip('"')
            elif line.startswith("B: ABS="):
                for word in line.split("=", 1)[1].split():
                    abs_bits = (abs_bits << 64) | int(word, 16)
        if name:
            out.append((name, bool(abs_bits >> ABS_MT_POSITION_X & 1)))
    return out


def touch(devices_file: Path = Path("/proc/bus/input/devices")) -> Check:
    try:
        devices = _input_devices(devices_file.read_text(encoding="utf-8", errors="replace"))
    except OSError as exc:
        return Check("touch", "WARN", f"cannot read {devices_file}: {exc}", "check on the kiosk itself")
    touch_names = [n for n, mt in devices if mt or "touch" in n.lower()]
    if touch_names:
        return Check("touch", "OK", ", ".join(touch_names[:3]))
    return Check("touch", "WARN", f"no touch screen among {len(devices)} input devices",
                 "plug in the touch screen's USB cable; check `libinput list-devices`")


def fonts(bundled_fonts: Path) -> Check:
    inter = sorted(p.name for p in bundled_fonts.rglob("*") if p.suffix.lower() in {".ttf", ".otf"})
    if not inter:
        return Check("fonts", "FAIL", f"no bundled fonts in {bundled_fonts}", "reinstall the kiosk")
    fc = shutil.which("fc-list")
    if not fc:
        return Check("fonts", "WARN", f"{len(inter)} bundled; fc-list missing, cannot check Noto",
                     "apt install fontconfig fonts-noto-cjk fonts-noto-core fonts-noto-ui-core")
    families = subprocess.run([fc, ":", "family"], capture_output=True, text=True, timeout=30).stdout
    missing = [s for s, needles in (("CJK", ("Noto Sans CJK", "Noto Serif CJK")),
                                    ("Arabic", ("Noto Sans Arabic", "Noto Naskh Arabic", "Noto Kufi Arabic")))
               if not any(n in families for n in needles)]
    if missing:
        return Check("fonts", "WARN", f"no Noto {' or '.join(missing)} font: those languages show boxes",
                     "apt install fonts-noto-cjk fonts-noto-core fonts-noto-ui-core")
    if "Noto Sans Arabic UI" not in families:
        return Check("fonts", "WARN", "no Noto Sans Arabic UI: text lines are taller than the layouts assume",
                     "apt install fonts-noto-ui-core")
    return Check("fonts", "OK", f"{len(inter)} bundled (Inter), Noto CJK and Arabic present")


def disk(root: Path) -> Check:
    probe = root
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    free = shutil.disk_usage(probe).free / 1024**3
    if free < 0.2:
        return Check("disk", "FAIL", f"{free:.2f} GB free at {probe}", "free space: packs need room to sync")
    if not os.access(probe, os.W_OK):
        return Check("disk", "FAIL", f"{probe} is not writable",
                     f"chown the data dir {root} to the kiosk user")
    if free < 1:
        return Check("disk", "WARN", f"{free:.2f} GB free at {probe}", "keep at least 1 GB free")
    return Check("disk", "OK", f"{free:.1f} GB free at {probe}")


def clock(now: datetime | None = None) -> Check:
    t = now or datetime.now(UTC)
    if t.year < 2025:
        return Check("clock", "FAIL", f"the clock says {t:%Y-%m-%d}: signatures and sync times break",
                     "timedatectl set-ntp true (or set the date by hand)")
    tdc = shutil.which("timedatectl")
    if not tdc:
        return Check("clock", "WARN", f"{t:%Y-%m-%d %H:%M} UTC; timedatectl missing, NTP unknown")
    try:
        synced = subprocess.run([tdc, "show", "-p", "NTPSynchronized", "--value"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        synced = ""
    if synced == "yes":
        return Check("clock", "OK", f"{t:%Y-%m-%d %H:%M} UTC, NTP synchronised")
    return Check("clock", "WARN", f"{t:%Y-%m-%d %H:%M} UTC, NTP not synchronised ({synced or 'unknown'})",
                 "timedatectl set-ntp true")


def hub(cfg: Config, timeout: float = 5.0) -> Check:
    import requests

    if not cfg.sync.hub_url:
        return Check("hub", "WARN", "sync.hub_url is not set: the kiosk shows only installed content",
                     "set [sync] hub_url and channel in the config")
    url = urljoin(cfg.sync.hub_url.rstrip("/") + "/", f"v1/channels/{cfg.sync.channel}.json")
    try:
        resp = requests.get(url, timeout=timeout)
    except requests.RequestException as exc:
        return Check("hub", "FAIL", f"{url}: {type(exc).__name__}",
                     "check the network, a proxy or firewall, and sync.hub_url")
    if resp.status_code == 404:
        return Check("hub", "FAIL", f"{url}: 404, channel {cfg.sync.channel!r} not published",
                     "publish a pack to this channel or fix sync.channel")
    if resp.status_code != 200:
        return Check("hub", "FAIL", f"{url}: HTTP {resp.status_code}", "see the hub's log")
    return Check("hub", "OK", f"{url} answers ({len(resp.content)} bytes)")


def keys(cfg: Config) -> Check:
    from kiosk.content.signing import parse_public_key
    from kiosk.errors import KioskError

    if not cfg.sync.trusted_keys:
        return Check("keys", "WARN", "no sync.trusted_keys: unsigned channels are accepted",
                     "add the publisher's NAME.pub text to [sync] trusted_keys")
    bad = []
    for i, text in enumerate(cfg.sync.trusted_keys):
        try:
            parse_public_key(text)
        except (KioskError, ValueError) as exc:
            bad.append(f"key {i + 1}: {exc}")
    if bad:
        return Check("keys", "FAIL", "; ".join(bad), f"fix sync.trusted_keys in {cfg.source}")
    return Check("keys", "OK", f"{len(cfg.sync.trusted_keys)} trusted Ed25519 key(s)")


def store(cfg: Config) -> Check:
    from kiosk.health.startup import quick_check

    database = cfg.data_paths().database
    ok, detail = quick_check(database)
    if not ok:
        return Check("store", "FAIL", f"{database}: {detail}",
                     "start the kiosk: it sets the corrupt store aside and reinstalls the bundled pack")
    return Check("store", "OK", f"{database}: {detail}")


def core_checks(cfg: Config, environ: Mapping[str, str], bundled_fonts: Path) -> list[Check]:
    return [display(environ), touch(), fonts(bundled_fonts), disk(cfg.data_paths().root), clock(),
            hub(cfg), keys(cfg), store(cfg)]
