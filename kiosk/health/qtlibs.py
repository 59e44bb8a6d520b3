"""Can Qt open a window here? Answered before Qt is loaded, so the answer is a message, not a core dump.

Without a display, or without a system library one of Qt's platform plugins links, Qt aborts the
process (SIGABRT, exit 134) or PySide6 fails to import. These checks use ``ldd`` on PySide6's own
files and plain sockets to the display server; they import no Qt.
"""

from __future__ import annotations

import importlib.util
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.health.doctor import Check

# The system library each Qt file may miss -> the Debian 12 package that ships it. Every package named
# here is in packaging/system-packages.sh (a test checks it).
SONAME_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXext.so.6": "libxext6",
    "libXrandr.so.2": "libxrandr2",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libdrm.so.2": "libdrm2",
    "libgbm.so.1": "libgbm1",
    "libpulse.so.0": "libpulse0",
}

# The PySide6 modules the kiosk imports (an unresolved library here is an ImportError at start).
MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtNetwork", "QtMultimedia", "QtOpenGL")
# What each platform loads besides its plugin (relative to Qt's plugins directory).
PLATFORM_EXTRAS = {
    "xcb": ("xcbglintegrations/libqxcb-glx-integration.so", "xcbglintegrations/libqxcb-egl-integration.so"),
    "wayland": ("wayland-graphics-integration-client/libqt-plugin-wayland-egl.so",
                "wayland-shell-integration/libxdg-shell.so", "wayland-decoration-client/libbradient.so"),
}
PLATFORMS = ("xcb", "wayland", "eglfs", "offscreen")
INSTALL_HINT = "packaging/system-packages.sh in the kiosk's source installs them all"


class DisplayError(KioskError):
    """Qt could not open a window here; says what is missing instead of letting Qt abort."""


@dataclass(frozen=True)
class MissingLibrary:
    soname: str
    needed_by: tuple[str, ...]

    @property
    def package(self) -> str | None:
        return SONAME_PACKAGES.get(self.soname)

    def __str__(self) -> str:
        if self.package:
            where = f"apt install {self.package}"
        elif self.soname.startswith("libQt6") or self.soname.startswith("libpyside6"):
            where = "part of PySide6: reinstall it (pip install --force-reinstall PySide6)"
        else:
            where = f"apt-file search {self.soname}"
        return f"{self.soname} ({where})"


def pyside_dir() -> Path | None:
    """PySide6's package directory, found without importing it (importing may be what fails)."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def qt_files(platform: str, pyside: Path) -> list[Path]:
    """The files Qt loads to start on ``platform``: the kiosk's PySide6 modules and the plugin(s)."""
    plugins = pyside / "Qt" / "plugins"
    files = [f for name in MODULES for f in sorted(pyside.glob(f"{name}.*so"))]
    files.append(plugins / "platforms" / f"libq{platform}.so")
    files += [plugins / extra for extra in PLATFORM_EXTRAS.get(platform, ())]
    return [f for f in files if f.exists()]


def parse_ldd(text: str) -> dict[str, list[str]]:
    """``ldd A B`` output -> {file: [sonames not found]}; a single file's output has no header."""
    missing: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if line and not line[0].isspace() and line.endswith(":"):
            current = line[:-1]
            continue
        m = re.match(r"\s*(\S+) => not found", line)
        if m:
            missing.setdefault(current, []).append(m.group(1))
    return missing


def missing_libraries(files: Iterable[Path], pyside: Path) -> list[MissingLibrary]:
    """Every library ``files`` need that the dynamic linker cannot find, with what needs it."""
    files = list(files)
    if not files:
        return []
    env = dict(os.environ)
    search = [pyside / "Qt" / "lib", pyside]
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        search.append(Path(meipass))
    env["LD_LIBRARY_PATH"] = os.pathsep.join([*map(str, search), env.get("LD_LIBRARY_PATH", "")]).rstrip(":")
    try:
        proc = subprocess.run(["ldd", *map(str, files)], capture_output=True, text=True, env=env, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []  # no ldd (not glibc): Qt will say it itself
    found = parse_ldd(proc.stdout if len(files) > 1 else f"{files[0]}:\n{proc.stdout}")
    needed_by: dict[str, list[str]] = {}
    for file, sonames in found.items():
        for soname in sonames:
            needed_by.setdefault(soname, []).append(Path(file).name)
    return [MissingLibrary(s, tuple(sorted(set(by)))) for s, by in sorted(needed_by.items())]


def chosen_platform(environ: Mapping[str, str]) -> str:
    """The platform Qt will try first, as Qt picks it on Linux."""
    requested = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if requested:
        return requested
    if environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"):
        return "wayland"
    return "xcb"


def _connects(address: str | tuple[str, int], family: int) -> bool:
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.settimeout(2)
        try:
            sock.connect(address)
        except OSError:
            return False
        return True


def x11_reachable(display: str) -> bool:
    m = re.fullmatch(r"(?P<host>[^:]*):(?P<num>\d+)(\.\d+)?", display)
    if not m:
        return False
    host, num = m.group("host"), int(m.group("num"))
    if host in {"", "unix"}:
        path = f"/tmp/.X11-unix/X{num}"
        return _connects(path, socket.AF_UNIX) or _connects("\0" + path, socket.AF_UNIX)
    return _connects((host, 6000 + num), socket.AF_INET)


def wayland_reachable(environ: Mapping[str, str]) -> bool:
    name = environ.get("WAYLAND_DISPLAY") or "wayland-0"
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if not name.startswith("/") and not runtime:
        return False
    return _connects(name if name.startswith("/") else str(Path(runtime) / name), socket.AF_UNIX)


def display_problem(platform: str, environ: Mapping[str, str]) -> str | None:
    """Why ``platform`` cannot show a window in this environment, or None when it should."""
    x11, wayland = environ.get("DISPLAY", ""), environ.get("WAYLAND_DISPLAY", "")
    if platform == "xcb":
        if not x11:
            hint = (f"WAYLAND_DISPLAY={wayland} is set: QT_QPA_PLATFORM=wayland uses it" if wayland else
                    "start the kiosk inside a graphical session (cage or X11, see packaging/README.md) "
                    "or set DISPLAY=:0 when one runs; QT_QPA_PLATFORM=offscreen renders without one")
            unset = "DISPLAY is not set" + ("" if wayland else " and neither is WAYLAND_DISPLAY")
            return f"no display: {unset}; {hint}"
        if not x11_reachable(x11):
            return (f"cannot connect to the X server at DISPLAY={x11} (is it running, and may this user "
                    "use it?)")
    if platform == "wayland":
        if not wayland and not x11:
            return ("no display: neither WAYLAND_DISPLAY nor DISPLAY is set; start the kiosk inside cage "
                    "(packaging/README.md)")
        if not wayland_reachable(environ):
            return (f"cannot connect to the Wayland compositor WAYLAND_DISPLAY={wayland or 'wayland-0'} "
                    f"in XDG_RUNTIME_DIR={environ.get('XDG_RUNTIME_DIR', '(not set)')}")
    return None


def explain_missing(platform: str, missing: list[MissingLibrary]) -> str:
    packages = sorted({m.package for m in missing if m.package})
    lines = [f"Qt cannot start on the {platform!r} platform: {len(missing)} system "
             f"librar{'y is' if len(missing) == 1 else 'ies are'} missing:"]
    lines += [f"  {m}" for m in missing]
    if packages:
        lines.append(f"fix: apt install {' '.join(packages)}  ({INSTALL_HINT})")
    return "\n".join(lines)


def preflight(environ: Mapping[str, str], pyside: Path | None = None) -> None:
    """Raise :class:`DisplayError` saying what is missing when Qt could not open a window here."""
    platform = chosen_platform(environ)
    problem = display_problem(platform, environ)
    if problem:
        raise DisplayError(problem)
    pyside = pyside or pyside_dir()
    if pyside is None:
        raise DisplayError("PySide6 is not installed in this Python: pip install -e . (or the wheel)")
    missing = missing_libraries(qt_files(platform, pyside), pyside)
    if missing:
        raise DisplayError(explain_missing(platform, missing))


def platform_checks(pyside: Path | None = None) -> list[Check]:
    """``kiosk doctor``: for each platform, every library its plugin needs that cannot be found."""
    pyside = pyside or pyside_dir()
    if pyside is None:
        return [Check("qt libs", "FAIL", "PySide6 is not installed in this Python", "pip install -e .")]
    checks = []
    for platform in PLATFORMS:
        files = qt_files(platform, pyside)
        missing = missing_libraries(files, pyside)
        if not missing:
            checks.append(Check(f"qt {platform}", "OK", f"{len(files)} Qt files, every library found"))
            continue
        packages = sorted({m.package for m in missing if m.package})
        fix = f"apt install {' '.join(packages)} ({INSTALL_HINT})" if packages else INSTALL_HINT
        checks.append(Check(f"qt {platform}", "FAIL", "missing " + ", ".join(str(m) for m in missing), fix))
    return checks
