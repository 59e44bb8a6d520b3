"""Row 2: configuration is checked completely at load, and a kiosk that cannot build its screens
exits with an error (so systemd and the crash-loop guard see it) instead of pinging the watchdog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.errors import ConfigError
from tests.helpers.notify import WATCHDOG_USEC, Listener

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("toml", "key", "says"), [
    ('[kiosk]\ntimezone = "Mars/Olympus"\n', "kiosk.timezone", "not a known time zone"),
    ('[kiosk]\ntimezone = "Europe/Copenhagn"\n', "kiosk.timezone", "Europe/Copenhagen"),
    ("[sync]\nconnect_timeout = 0\n", "sync.connect_timeout", "positive"),
    ("[sync]\nread_timeout = -1\n", "sync.read_timeout", "positive"),
    ("[sync]\nread_timeout = nan\n", "sync.read_timeout", "positive"),
    ("[data]\nconnect_timeout = inf\n", "data.connect_timeout", "positive"),
    ("[data]\nread_timeout = 0.0\n", "data.read_timeout", "positive"),
    ('[kiosk]\ntheme = "neon"\n', "kiosk.theme", "light, dark, high-contrast"),
    ("[kiosk]\nrotation = 45\n", "kiosk.rotation", "0, 90, 180 or 270"),
    ('[sync]\nhub_url = "ftp://hub"\n', "sync.hub_url", "http"),
    ('[sync]\nchannel = "../etc"\n', "sync.channel", "letters"),
    ('[sync]\ntrusted_keys = ["not-a-key"]\n', "sync.trusted_keys", "Ed25519"),
    ('[admin]\npin_hash = "1234"\n', "admin.pin_hash", "kiosk admin set-pin"),
    ("[kiosk]\nscreen_diagonal_inches = nan\n", "kiosk.screen_diagonal_inches", "inches"),
    ("[kiosk]\nmemory_limit_mb = -5\n", "kiosk.memory_limit_mb", "at least 0"),
])
def test_bad_values_name_key_and_file(tmp_path: Path, toml: str, key: str, says: str) -> None:
    f = tmp_path / "kiosk.toml"
    f.write_text(toml)
    with pytest.raises(ConfigError) as err:
        load_config(f, environ={})
    assert str(f) in str(err.value) and key in str(err.value) and says in str(err.value)


def test_environment_nan_timeout_is_refused() -> None:
    with pytest.raises(ConfigError, match="KIOSK_SYNC_READ_TIMEOUT.*positive"):
        load_config(environ={"KIOSK_SYNC_READ_TIMEOUT": "nan"})


def test_data_dir_that_is_a_file_or_under_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for target in (blocker, blocker / "sub"):
        f = tmp_path / "kiosk.toml"
        f.write_text(f'[kiosk]\ndata_dir = "{target}"\n')
        with pytest.raises(ConfigError, match=r"kiosk\.data_dir is not a directory"):
            load_config(f, environ={})


def test_data_dir_on_a_read_only_mount_is_refused(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(ro)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a read-only tmpfs here: {done.stderr.strip()}")
    try:
        f = tmp_path / "kiosk.toml"
        f.write_text(f'[kiosk]\ndata_dir = "{ro / "data"}"\n')
        with pytest.raises(ConfigError, match=r"kiosk\.data_dir is not writable"):
            load_config(f, environ={})
    finally:
        subprocess.run(["umount", str(ro)], check=True)


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[Listener]:
    lst = Listener(tmp_path / "notify.sock")
    yield lst
    lst.close()


def _env(listener: Listener) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=listener.path, WATCHDOG_USEC=str(WATCHDOG_USEC))
    return env


@pytest.mark.slow
def test_kiosk_run_with_a_time_zone_typo_exits_at_once(tmp_path: Path, listener: Listener) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[kiosk]\ntimezone = "Mars/Olympus"\ndata_dir = "{tmp_path / "data"}"\n'
                   '[sync]\nhub_url = "http://127.0.0.1:9"\n')
    done = subprocess.run([sys.executable, "-m", "kiosk", "--config", str(cfg), "run", "--windowed",
                           "--size", "800x600"], env=_env(listener), capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2
    assert "kiosk.timezone" in done.stderr and str(cfg) in done.stderr
    assert "Traceback" not in done.stderr
    assert not listener.ready() and listener.pings() == []


@pytest.mark.slow
def test_failed_second_stage_build_exits_with_error_and_stops_pinging(tmp_path: Path,
                                                                      listener: Listener) -> None:
    data = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.faulty_kiosk", "screens", "--data-dir", str(data), "run",
         "--windowed", "--size", "800x600"],
        cwd=ROOT, env={**_env(listener), "KIOSK_DATA_ENABLED": "false"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.returncode == 70, err[-2000:]
    assert listener.ready(), "the first attract frame should have been painted before the failure"
    assert "screens could not be built" in err
    starts = json.loads((data / "crashloop.json").read_text())
    starts = starts["starts"] if isinstance(starts, dict) else starts
    assert starts[-1]["clean"] is False, "a kiosk that could not show its screens must count as a crash"
