"""A real OGC SensorThings v1.1 server for the e2e tests: PyPI ``django-ogc-sensorthings`` (Django + SQLite,
UUID ids) under uvicorn, started as its own process on 127.0.0.1 and seeded through its own API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[3]
OM_MEASUREMENT = "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement"


class StaServer:
    """``with StaServer(tmp) as sta:`` -> ``sta.base`` is ``http://127.0.0.1:<port>/sensorthings/v1.1``."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))  # the server process inherits the bound socket: no port race
        self.sock.listen(64)
        port = self.sock.getsockname()[1]
        self.service = f"http://127.0.0.1:{port}/sensorthings"
        self.base = f"{self.service}/v1.1"
        self.env = {**os.environ, "STA_DB": str(workdir / "sta.sqlite3"), "STA_URL": self.service,
                    "DJANGO_SETTINGS_MODULE": "tests.helpers.sta_server.settings",
                    "PYTHONPATH": str(ROOT)}
        self.log = workdir / "sta.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> StaServer:
        subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=self.env, cwd=ROOT,
                       check=True, timeout=120)
        fd = self.sock.fileno()
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "tests.helpers.sta_server.asgi:application",
                 "--fd", str(fd), "--log-level", "warning", "--no-access-log"],
                env=self.env, cwd=ROOT, pass_fds=(fd,), stdout=out, stderr=subprocess.STDOUT)
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.sock.close()

    def _wait_ready(self, timeout: float = 60.0) -> None:
        """Poll the service root (the socket already accepts, so each try answers or fails at once)."""
        ends = time.monotonic() + timeout
        while True:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"SensorThings server exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(f"{self.base}/", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            if time.monotonic() > ends:
                raise RuntimeError(f"SensorThings server not ready: {self.log.read_text()[-2000:]}")

    # -- seeding through the server's own API ----------------------------------------------------
    def post(self, path: str, body: Any) -> requests.Response:
        r = requests.post(f"{self.base}/{path}", json=body, timeout=30)
        assert r.status_code == 201, f"{path}: HTTP {r.status_code} {r.text[:300]}"
        return r

    def create_datastream(self, name: str = "water temperature", symbol: str | None = "°C") -> str:
        """A Thing with one Datastream (and its Sensor and ObservedProperty); returns the Datastream id."""
        thing = {"name": f"buoy for {name}", "description": "harbour buoy", "Datastreams": [{
            "name": name, "description": name, "observationType": OM_MEASUREMENT,
            "unitOfMeasurement": {"name": "degree Celsius", "symbol": symbol,
                                  "definition": "http://unitsofmeasure.org/ucum.html#para-30"},
            "Sensor": {"name": "thermistor", "description": "t", "encodingType": "application/pdf",
                       "metadata": "https://example.org/datasheet.pdf"},
            "ObservedProperty": {"name": name, "definition": "https://example.org/temp", "description": name},
        }]}
        location = self.post("Things", thing).headers["Location"]
        r = requests.get(f"{location}/Datastreams", timeout=30)
        return str(r.json()["value"][0]["@iot.id"])

    def feature(self) -> str:
        r = self.post("FeaturesOfInterest", {"name": "harbour", "description": "h",
                                             "encodingType": "application/geo+json",
                                             "feature": {"type": "Point", "coordinates": [10.21, 56.15]}})
        return r.headers["Location"].split("'")[1]

    def add_observations(self, datastream: str, rows: list[tuple[str, Any]]) -> None:
        """Observations (``(phenomenonTime, result)``) in one ``CreateObservations`` dataArray request."""
        foi = self.feature()
        body = [{"Datastream": {"@iot.id": datastream},
                 "components": ["phenomenonTime", "result", "FeatureOfInterest/id"],
                 "dataArray": [[t, v, foi] for t, v in rows]}]
        r = self.post("CreateObservations", body)
        assert "error" not in r.json(), r.text[:300]
