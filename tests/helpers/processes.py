"""Start a real child process, read its lines, SIGKILL it (the kill tests)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(script: Path, args: list[str], lines_before_kill: int) -> list[str]:
    """Start ``script``, read ``lines_before_kill`` lines after "ready", SIGKILL it; every whole line it
    printed before it died (the child may get further than the lines read before the kill lands: on a
    busy machine, many lines further)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, str(script), *args], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out: list[str] = []
    try:
        assert child.stdout is not None
        ready = child.stdout.readline()
        if ready.strip() != "ready":
            child.wait(timeout=30)
            pytest.fail(f"child did not start: {ready!r} {child.stderr.read() if child.stderr else ''}")
        while len(out) < lines_before_kill:
            line = child.stdout.readline()
            if not line:
                break
            out.append(line.strip())
            if line.strip() == "done":
                break
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        rest = child.stdout.read()  # printed before the kill landed; a cut-off last line is not whole
        out.extend(line.strip() for line in rest.split("\n")[:-1] if line.strip())
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdout, child.stderr):
            if stream:
                stream.close()
    return out
