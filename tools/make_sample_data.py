"""Generate the bundled pack's SAMPLE data series into content/datasets/sample/.

These are not measurements: they are seeded, realistic-shaped series (daily and weekly cycles,
weather-like drift, noise) so the data screens have something to show offline. Every dataset that
uses them says ``sample: true``. Run from the repository root: ``python tools/make_sample_data.py``.
"""

from __future__ import annotations

import csv
import math
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "content" / "datasets" / "sample"
START = datetime(2025, 1, 6, tzinfo=UTC)  # a Monday in winter
DAYS = 60


def drift(rng: random.Random, n: int, step: float, lo: float, hi: float, start: float) -> list[float]:
    """A bounded random walk: weather-like slow changes."""
    out, v = [], start
    for _ in range(n):
        v = min(hi, max(lo, v + rng.gauss(0, step)))
        out.append(v)
    return out


def co2(rng: random.Random, t: datetime, i: int, wind: list[float]) -> float:
    """DK1 grid CO2 intensity in g/kWh: low when windy, higher at the evening peak."""
    hour = t.hour + t.minute / 60
    daily = 25 * math.exp(-(((hour - 17.5) / 2.5) ** 2)) - 12 * math.exp(-(((hour - 3.5) / 3) ** 2))
    return max(8.0, 230 - 190 * wind[i] + daily + rng.gauss(0, 6))


def heat(rng: random.Random, t: datetime, i: int, cold: list[float]) -> float:
    """District heat output in MW: follows outdoor cold, a morning peak and quieter weekends."""
    hour = t.hour + t.minute / 60
    morning = 60 * math.exp(-(((hour - 7) / 1.6) ** 2))
    evening = 25 * math.exp(-(((hour - 18.5) / 2) ** 2))
    night = -35 * math.exp(-(((hour - 2.5) / 2.5) ** 2))
    weekend = -25 if t.weekday() >= 5 else 0
    return max(120.0, 420 + 260 * cold[i] + morning + evening + night + weekend + rng.gauss(0, 8))


def lighting(rng: random.Random, t: datetime, i: int, _: list[float]) -> float:
    """Energy per hour of a street-lighting test field in kWh: off by day, dimmed after midnight."""
    day = (t - START).days
    sunset = 16.2 + day * 0.045  # evenings lengthen through January-March
    sunrise = 8.6 - day * 0.04
    hour = t.hour + 0.5
    if sunrise <= hour <= sunset:
        return 0.0
    level = 0.5 if 0 <= hour < 5 else 1.0  # dimming schedule
    presence = 0.15 * rng.random()  # sensors bring lamps up when someone passes
    return round(14.0 * min(1.0, level + presence) + rng.gauss(0, 0.2), 2)


def night_flow(rng: random.Random, t: datetime, i: int, leak: list[float]) -> float:
    """Inflow to a water district metering area in m3/h; a leak appears on day 34 and is fixed on 41."""
    hour = t.hour + t.minute / 60
    use = 30 * math.exp(-(((hour - 7.5) / 1.5) ** 2)) + 22 * math.exp(-(((hour - 19) / 2.5) ** 2))
    use += 10 if 8 <= hour <= 22 else 0
    day = (t - START).days
    extra = 6.0 if 34 <= day < 41 else 0.0
    return round(max(2.0, 4.0 + use + extra + rng.gauss(0, 1.2)), 2)


Series = Callable[[random.Random, datetime, int, list[float]], float]
FILES: dict[str, tuple[Series, int, tuple[float, float, float, float], int]] = {
    # name: (generator, minutes per step, drift (step, lo, hi, start), seed)
    "dk1-co2-sample.csv": (co2, 60, (0.06, 0.0, 1.0, 0.5), 1),
    "district-heat-sample.csv": (heat, 60, (0.03, -0.2, 1.0, 0.4), 2),
    "doll-lighting-sample.csv": (lighting, 60, (0.0, 0.0, 0.0, 0.0), 3),
    "water-inflow-sample.csv": (night_flow, 60, (0.0, 0.0, 0.0, 0.0), 4),
}


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (gen, minutes, (step, lo, hi, start), seed) in FILES.items():
        rng = random.Random(seed)
        n = DAYS * 24 * 60 // minutes
        walk = drift(rng, n, step, lo, hi, start)
        with (OUT / name).open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["time", "value"])
            for i in range(n):
                t = START + timedelta(minutes=minutes * i)
                w.writerow([t.strftime("%Y-%m-%dT%H:%M:%SZ"), f"{gen(rng, t, i, walk):.1f}"])
    print(f"wrote {len(FILES)} sample series to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
