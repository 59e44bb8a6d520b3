"""Before Qt loads: the display can be reached, and every library Qt's plugins link can be found."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.health import qtlibs
from kiosk.health.qtlibs import DisplayError, MissingLibrary

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "system-packages.sh"


def listed(os_release: Path | None = None) -> list[str]:
    env = dict(os.environ, OS_RELEASE=str(os_release)) if os_release else None
    out = subprocess.run(["sh", str(SCRIPT), "--list"], capture_output=True, text=True, check=True, env=env)
    return out.stdout.split()


def test_every_package_doctor_names_is_in_the_one_list() -> None:
    assert set(qtlibs.SONAME_PACKAGES.values()) <= set(listed())
    assert {"fonts-noto-core", "fonts-noto-ui-core", "fonts-noto-cjk", "python3-venv"} <= set(listed())


def test_ubuntu_24_04_names(tmp_path: Path) -> None:
    (tmp_path / "os-release").write_text('ID=ubuntu\nVERSION_ID="24.04"\n', encoding="utf-8")
    (tmp_path / "debian").write_text('ID=debian\nVERSION_ID="12"\n', encoding="utf-8")
    ubuntu, debian = listed(tmp_path / "os-release"), listed(tmp_path / "debian")
    assert "libglib2.0-0t64" in ubuntu and "libglib2.0-0" not in ubuntu
    assert set(ubuntu) - {"libglib2.0-0t64"} == set(debian) - {"libglib2.0-0"}


def test_parse_ldd_one_file_and_several() -> None:
    several = (
        "/q/libqxcb.so:\n\tlinux-vdso.so.1 (0x00007ffd)\n\tlibxcb-cursor.so.0 => not found\n"
        "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)\n"
        "/q/QtCore.abi3.so:\n\tlibglib-2.0.so.0 => not found\n\tlibxcb-cursor.so.0 => not found\n"
    )
    assert qtlibs.parse_ldd(several) == {
        "/q/libqxcb.so": ["libxcb-cursor.so.0"],
        "/q/QtCore.abi3.so": ["libglib-2.0.so.0", "libxcb-cursor.so.0"],
    }


def test_missing_names_the_package_or_how_to_find_it() -> None:
    assert str(MissingLibrary("libxcb-cursor.so.0", ("libqxcb.so",))) == \
        "libxcb-cursor.so.0 (apt install libxcb-cursor0)"
    assert "reinstall" in str(MissingLibrary("libQt6Gui.so.6", ("libqxcb.so",)))
    assert "apt-file search libfoo.so.1" in str(MissingLibrary("libfoo.so.1", ("x",)))


@pytest.fixture
def broken_pyside(tmp_path: Path) -> Path:
    """A PySide6 tree holding the real xcb plugin but none of Qt's libraries: ldd cannot resolve them."""
    real = qtlibs.pyside_dir()
    assert real is not None
    fake = tmp_path / "PySide6"
    (fake / "Qt" / "lib").mkdir(parents=True)
    (fake / "Qt" / "plugins" / "platforms").mkdir(parents=True)
    for plugin in ("libqxcb.so", "libqoffscreen.so"):
        shutil.copy2(real / "Qt" / "plugins" / "platforms" / plugin, fake / "Qt" / "plugins" / "platforms")
    return fake


def test_real_ldd_finds_what_a_plugin_misses(broken_pyside: Path) -> None:
    files = qtlibs.qt_files("xcb", broken_pyside)
    assert [f.name for f in files] == ["libqxcb.so"]
    missing = {m.soname: m for m in qtlibs.missing_libraries(files, broken_pyside)}
    assert {"libQt6Gui.so.6", "libQt6Core.so.6", "libQt6XcbQpa.so.6"} <= set(missing)
    assert missing["libQt6Core.so.6"].needed_by == ("libqxcb.so",)


def test_preflight_lists_every_missing_library(broken_pyside: Path) -> None:
    with pytest.raises(DisplayError) as err:
        qtlibs.preflight({"QT_QPA_PLATFORM": "offscreen"}, pyside=broken_pyside)
    text = str(err.value)
    assert text.startswith("Qt cannot start on the 'offscreen' platform:")
    assert "libQt6Core.so.6 (part of PySide6: reinstall it" in text


def test_this_environment_passes_the_preflight() -> None:
    qtlibs.preflight({"QT_QPA_PLATFORM": "offscreen"})  # the suite's own Qt runs offscreen


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({}, "xcb"),
        ({"DISPLAY": ":0"}, "xcb"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "xcb"),  # as Qt: wayland first only in a wayland session
        ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "wayland"),
        ({"QT_QPA_PLATFORM": "eglfs:/dev/fb0;xcb", "DISPLAY": ":0"}, "eglfs"),
    ],
)
def test_chosen_platform(environ: dict[str, str], platform: str) -> None:
    assert qtlibs.chosen_platform(environ) == platform


def test_no_display_at_all() -> None:
    problem = qtlibs.display_problem("xcb", {})
    assert problem is not None
    assert "DISPLAY is not set and neither is WAYLAND_DISPLAY" in problem
    wayland_only = qtlibs.display_problem("xcb", {"WAYLAND_DISPLAY": "wayland-1"})
    assert wayland_only is not None and "QT_QPA_PLATFORM=wayland" in wayland_only


def test_x11_over_tcp_reachable_or_not() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        port = server.getsockname()[1]
        assert port > 6000  # Linux hands out ephemeral ports from 32768
        display = f"127.0.0.1:{port - 6000}"
        assert "cannot connect" in (qtlibs.display_problem("xcb", {"DISPLAY": display}) or "")
        server.listen()
        assert qtlibs.display_problem("xcb", {"DISPLAY": display}) is None


def test_wayland_socket_reachable_or_not(tmp_path: Path) -> None:
    environ = {"WAYLAND_DISPLAY": "wl-test", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert "cannot connect to the Wayland compositor" in (qtlibs.display_problem("wayland", environ) or "")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "wl-test"))
        server.listen()
        assert qtlibs.display_problem("wayland", environ) is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "no display: DISPLAY is not set and neither is WAYLAND_DISPLAY"),
        ({"DISPLAY": ":1097"}, "cannot connect to the X server at DISPLAY=:1097"),
        ({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "nowhere", "XDG_RUNTIME_DIR": "/nonexistent"},
         "cannot connect to the Wayland compositor WAYLAND_DISPLAY=nowhere"),
    ],
)
def test_kiosk_without_a_display_says_so(tmp_path: Path, env: dict[str, str], expected: str) -> None:
    base = {k: v for k, v in os.environ.items()
            if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE"}}
    proc = subprocess.run([sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path), "--windowed"],
                          env=base | env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr  # not 134 (SIGABRT) from Qt
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr
