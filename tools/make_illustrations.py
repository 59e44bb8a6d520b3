"""Generate the bundled pack's original illustrations (SVG Tiny 1.2) into content/.

Run from the repository root: ``python tools/make_illustrations.py``. The output is committed, so
the pack works without running this. Seeded: the same code always draws the same pictures.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

import svgart as a

W, H = 1600, 900
ROOT = Path(__file__).resolve().parent.parent / "content"

PAL: dict[str, dict[str, str]] = {
    "energy": {
        "sky": "#bfe3f0",
        "sky2": "#f4f8ee",
        "sea": "#3f8fb0",
        "sea2": "#1f5f7f",
        "ground": "#86bf84",
        "ground2": "#5e9e6a",
        "dark": "#24544a",
        "accent": "#2e7d32",
        "light": "#ffd166",
        "soft": "#dcefdc",
    },
    "heating-cooling": {
        "sky": "#fcd9bd",
        "sky2": "#fff3e6",
        "sea": "#5a9fc4",
        "sea2": "#2d6488",
        "ground": "#d8c3a5",
        "ground2": "#b99c7c",
        "dark": "#5a3a2e",
        "accent": "#b3401f",
        "light": "#ffb347",
        "soft": "#f7e4d2",
        "cold": "#2f80c0",
    },
    "water": {
        "sky": "#cfe8f7",
        "sky2": "#f0f8fc",
        "sea": "#2b7bb9",
        "sea2": "#15507e",
        "ground": "#9fd1ae",
        "ground2": "#6fb088",
        "dark": "#1b3a57",
        "accent": "#1565c0",
        "light": "#ffd98a",
        "soft": "#dcecf7",
    },
    "city": {
        "sky": "#1c2140",
        "sky2": "#4a4778",
        "sea": "#2c3f6b",
        "sea2": "#1a2545",
        "ground": "#2d3150",
        "ground2": "#3b3f63",
        "dark": "#151831",
        "accent": "#7b2fa8",
        "light": "#ffe08a",
        "soft": "#e9def3",
    },
}


def base(p: dict[str, str], rng: random.Random, horizon: float, *, sun: bool = True) -> a.Canvas:
    c = a.Canvas(W, H)
    a.sky(c, p["sky"], p["sky2"], horizon)
    if sun:
        a.sun(c, rng.uniform(250, 1350), rng.uniform(120, horizon - 200), 48, p["light"])
    for _ in range(3):
        a.cloud(c, rng.uniform(100, 1500), rng.uniform(80, horizon - 180), rng.uniform(0.8, 1.6))
    return c


def harbour_city(
    p: dict[str, str],
    rng: random.Random,
    *,
    turbines: int = 0,
    plant: bool = False,
    pipes: bool = False,
    tanks: bool = False,
) -> a.Canvas:
    c = base(p, rng, 560)
    for i in range(turbines):
        t = i / max(1, turbines - 1)
        a.turbine(
            c, 120 + t * 700 + rng.uniform(-10, 10), 560, 200 - t * 110, "#ffffff", rng.uniform(0, 120), 0.85
        )
    a.skyline(c, 560, p["ground2"], p["soft"], rng, x0=760, hmax=190)
    a.skyline(c, 575, p["dark"], p["light"], rng, x0=900, hmin=40, hmax=150, spire=False)
    a.sea(c, 560, p["sea"], p["sea2"], rng)
    if plant or tanks:
        rect_y = 700
        a.rect(c, 0, rect_y, W, H - rect_y, p["ground"])
        if plant:
            a.plant(c, 900, rect_y, 420, 120, p["dark"], p["accent"], rng)
        if tanks:
            for k in range(3):
                a.tank(c, 360 + k * 120, rect_y, 90, 150 + 20 * k, p["ground2"], p["soft"])
    if pipes:
        a.rect(c, 0, 780, W, 120, p["ground2"], opacity=0.9)
        a.pipes(c, 815, 0, W, p["accent"], p.get("cold", p["sea"]), rng)
    return c


def island(
    p: dict[str, str],
    rng: random.Random,
    *,
    turbines: int = 6,
    houses: int = 8,
    grid: bool = False,
    solar: bool = False,
) -> a.Canvas:
    c = base(p, rng, 470)
    a.sea(c, 470, p["sea"], p["sea2"], rng, waves=22)
    a.ellipse(c, 800, 640, 700, 150, "#efe2b8")
    a.ellipse(c, 800, 625, 660, 125, p["ground"])
    a.ellipse(c, 620, 600, 360, 70, p["ground2"], opacity=0.8)
    spots = sorted(rng.uniform(260, 1340) for _ in range(houses))
    for x in spots:
        y = 640 + rng.uniform(-30, 20)
        a.rect(c, x, y - 34, 48, 34, "#fbf7ef")
        a.poly(c, [(x - 4, y - 34), (x + 24, y - 58), (x + 52, y - 34)], p["accent"])
        a.rect(c, x + 18, y - 20, 12, 20, p["dark"], opacity=0.7)
    for i in range(turbines):
        a.turbine(
            c,
            330 + i * (900 / max(1, turbines - 1)),
            600 - rng.uniform(0, 20),
            220,
            "#ffffff",
            rng.uniform(0, 120),
        )
    for i in range(5):
        a.turbine(c, 1200 + i * 70, 480, 110, "#ffffff", rng.uniform(0, 120), 0.8)
    if solar:
        for k in range(6):
            a.poly(
                c,
                [(420 + k * 44, 700), (456 + k * 44, 700), (446 + k * 44, 676), (410 + k * 44, 676)],
                "#2a4d7a",
            )
    if grid:
        nodes = [(x + 24, 600) for x in spots[::2]]
        for n1, n2 in itertools.pairwise(nodes):
            a.line(c, [n1, ((n1[0] + n2[0]) / 2, 560), n2], p["light"], 4, opacity=0.9, dash="10 8")
    for _ in range(6):
        a.tree(
            c,
            rng.uniform(250, 1350),
            660 + rng.uniform(0, 30),
            rng.uniform(0.7, 1.1),
            p["ground2"],
            p["dark"],
        )
    return c


def diagram(
    p: dict[str, str],
    rng: random.Random,
    *,
    nodes: int = 7,
    drops: bool = False,
    bars: bool = False,
    loop: bool = False,
) -> a.Canvas:
    """An abstract map or system diagram on a soft background."""
    c = a.Canvas(W, H)
    a.rect(c, 0, 0, W, H, c.gradient([(0, p["soft"], 1), (1, "#ffffff", 1)]))
    for gx in range(0, W, 80):
        a.line(c, [(gx, 0), (gx, H)], p["ground2"], 1, opacity=0.18)
    for gy in range(0, H, 80):
        a.line(c, [(0, gy), (W, gy)], p["ground2"], 1, opacity=0.18)
    path = "M0,700 C300,640 420,760 700,690 S1200,600 1600,660 L1600,900 L0,900 Z"
    a.path(c, path, p["sea"], opacity=0.35)
    if bars:
        vals = [1.0, 0.93, 0.85, 0.77, 0.66, 0.56, 0.43, 0.0]
        for i, v in enumerate(vals):
            h = 460 * v + 8
            a.rect(c, 180 + i * 160, 640 - h, 100, h, p["accent"], rx=10, opacity=0.5 + 0.5 * (1 - i / 8))
        a.line(c, [(150, 640), (1450, 640)], p["dark"], 4)
        return c
    if loop:
        a.circle(c, 800, 430, 250, "none", stroke=p["accent"], width=26)
        a.circle(c, 800, 430, 250, "none", stroke="#ffffff", width=6)
        a.ring_dots(c, 800, 430, 250, 4, p["dark"], 44)
        a.ring_dots(c, 800, 430, 250, 4, p["light"], 26)
        a.sun(c, 800, 430, 70, p["light"])
        return c
    pts = [(rng.uniform(200, 1400), rng.uniform(150, 620)) for _ in range(nodes)]
    pts.sort()
    edges = [(i, i + 1) for i in range(nodes - 1)]
    edges += [(i, i + 2) for i in range(0, nodes - 2, 2)]
    a.network(c, pts, edges, p["dark"], p["accent"])
    if drops:
        for x, y in pts[::2]:
            a.drop(c, x + 40, y - 40, 0.7, p["sea"])
    return c


def night_street(
    p: dict[str, str], rng: random.Random, *, lamps: int = 6, cyclists: int = 0, bridge: bool = False
) -> a.Canvas:
    c = a.Canvas(W, H)
    a.sky(c, p["sky"], p["sky2"], 640)
    for _ in range(60):
        a.circle(
            c,
            rng.uniform(0, W),
            rng.uniform(0, 420),
            rng.uniform(1, 2.6),
            "#ffffff",
            opacity=rng.uniform(0.3, 0.9),
        )
    a.circle(c, 1320, 140, 46, "#f4f1de", opacity=0.9)
    a.skyline(c, 620, p["ground2"], p["light"], rng, hmax=260)
    if bridge:
        a.sea(c, 620, p["sea"], p["sea2"], rng, waves=20)
        d = "M-20,700 C300,560 520,820 820,640 S1300,560 1640,640"
        a.path(c, d, "none", stroke="#e8742a", width=46)
        a.path(c, d, "none", stroke="#f4a259", width=10, opacity=0.8)
        for k in range(9):
            x = 40 + k * 190
            a.rect(c, x, 690, 10, 210, "#10132a")
        for k in range(cyclists):
            a.bicycle(c, 260 + k * 340, 630 + (k % 2) * 40, 0.75, "#fff4dc", "#fff4dc")
        return c
    a.rect(c, 0, 620, W, 280, p["ground"])
    a.rect(c, 0, 760, W, 60, p["dark"])
    a.line(c, [(0, 790), (W, 790)], p["light"], 4, dash="40 30", opacity=0.7)
    for i in range(lamps):
        x = 120 + i * (1360 / max(1, lamps - 1))
        a.lamp(c, x, 760, rng.uniform(200, 260), "#8c90b0", p["light"], style=i % 3)
    for k in range(cyclists):
        a.bicycle(c, 300 + k * 420, 740, 0.9, "#e9e6ff", "#e9e6ff")
    return c


def industry(p: dict[str, str], rng: random.Random, *, basins: bool = False) -> a.Canvas:
    c = base(p, rng, 520)
    a.hills(c, 520, 60, p["ground2"], rng, opacity=0.7)
    a.rect(c, 0, 560, W, H - 560, p["ground"])
    if basins:
        for k in range(3):
            x = 260 + k * 330
            a.ellipse(c, x, 740, 150, 60, p["dark"])
            a.ellipse(c, x, 735, 135, 50, p["sea"])
            a.line(c, [(x - 130, 735), (x + 130, 735)], "#ffffff", 4, opacity=0.6)
        for k in range(2):
            a.tank(c, 1180 + k * 150, 700, 110, 200, p["ground2"], p["soft"])
            a.path(c, f"M{1180 + k * 150},500 Q{1235 + k * 150},440 {1290 + k * 150},500 Z", p["accent"])
    else:
        a.plant(c, 120, 700, 380, 150, p["dark"], p["accent"], rng)
        a.plant(c, 1040, 700, 420, 180, p["dark"], p["accent"], rng)
        for k in range(3):
            a.tank(c, 600 + k * 120, 700, 90, 160 + 30 * k, p["ground2"], p["soft"])
        a.line(c, [(500, 620), (600, 620), (600, 560), (960, 560), (960, 620), (1040, 620)], p["light"], 14)
        a.line(c, [(500, 660), (1040, 660)], p["sea"], 14)
    for _ in range(5):
        a.tree(c, rng.uniform(40, 1560), 860, rng.uniform(0.8, 1.3), p["ground2"], p["dark"])
    return c


def rain_park(p: dict[str, str], rng: random.Random, *, plan: bool = False) -> a.Canvas:
    c = a.Canvas(W, H)
    a.sky(c, "#9fb6c8", "#e3edf3", 520)
    for x in (250, 700, 1200):
        a.cloud(c, x, 120, 2.2, "#7f93a6", 0.9)
    for _ in range(90):
        x, y = rng.uniform(0, W), rng.uniform(160, 600)
        a.line(c, [(x, y), (x - 8, y + 26)], "#5f86a8", 3, opacity=0.6)
    a.skyline(c, 520, "#b7c7d3", "#eef4f8", rng, hmax=200, spire=False)
    a.rect(c, 0, 520, W, H - 520, p["ground"])
    if plan:
        a.path(c, "M0,900 C240,760 520,820 800,700 S1300,600 1600,560 L1600,900 Z", p["ground2"])
        for k in range(5):
            x = 140 + k * 300
            a.line(c, [(x, 560), (x + 120, 640), (x + 200, 760)], p["sea"], 10, opacity=0.7)
            a.poly(c, [(x + 190, 745), (x + 214, 780), (x + 176, 772)], p["sea"])
        a.rect(c, 0, 840, W, 60, p["sea2"])
        return c
    a.ellipse(c, 800, 740, 460, 90, p["sea"], opacity=0.85)
    a.ellipse(c, 800, 730, 400, 60, p["light"], opacity=0.6)
    for x in (320, 520, 1080, 1280):
        a.tree(c, x, 700, 1.6, p["ground2"], p["dark"])
    for k in range(4):
        a.drop(c, 620 + k * 120, 600 - (k % 2) * 40, 0.9, p["sea"], 0.9)
    return c


def underground(p: dict[str, str], rng: random.Random) -> a.Canvas:
    c = base(p, rng, 360)
    a.skyline(c, 360, p["ground2"], p["soft"], rng, hmax=160, spire=False)
    a.rect(c, 0, 360, W, H - 360, c.gradient([(0, "#c9b28f", 1), (1, "#8a7257", 1)]))
    a.rect(c, 0, 360, W, 24, "#6b6f78")
    a.line(c, [(0, 620), (W, 620)], p["accent"], 30)
    a.line(c, [(400, 620), (400, 480), (900, 480), (900, 384)], p["accent"], 18)
    a.line(c, [(1100, 620), (1100, 384)], p["accent"], 18)
    for x in (300, 760, 1250):
        a.circle(c, x, 620, 24, p["light"])
        a.ring_dots(c, x, 620, 44, 8, p["light"], 4)
    a.drop(c, 1000, 700, 1.1, p["sea"], 0.9)
    a.line(c, [(1000, 640), (1000, 650)], p["sea"], 6)
    return c


def cooling_plant(p: dict[str, str], rng: random.Random, *, cut: bool = False) -> a.Canvas:
    """Tårnby: treatment basins, one tall cold-water tank and a heat pump hall between offices and homes."""
    c = base(p, rng, 500)
    a.skyline(c, 500, p["ground2"], p["soft"], rng, x0=980, hmax=210, spire=False)
    a.path(c, "M60,170 L260,150 L270,160 L80,190 Z", "#ffffff", opacity=0.8)  # a plane leaving the airport
    a.rect(c, 0, 500, W, H - 500, p["ground"])
    for k in range(3):
        x = 150 + k * 210
        a.ellipse(c, x, 640, 95, 40, p["dark"])
        a.ellipse(c, x, 636, 84, 32, p["sea"])
    a.tank(c, 760, 640, 130, 300, p["cold"], p["soft"])
    a.rect(c, 900, 520, 230, 120, p["dark"], rx=8)
    a.rect(c, 930, 490, 40, 40, p["accent"], rx=4)
    a.circle(c, 1015, 580, 34, p["light"])
    a.circle(c, 1090, 580, 34, p["cold"])
    ground = 700 if cut else 760
    a.rect(c, 0, ground, W, H - ground, p["ground2"], opacity=0.9)
    a.line(c, [(300, ground + 40), (1015, ground + 40), (1015, 640)], p["accent"], 16)
    a.line(c, [(1090, 640), (1090, ground + 80), (W, ground + 80)], p["cold"], 16)
    a.line(c, [(1015, ground + 40), (W, ground + 40)], p["accent"], 16, opacity=0.6)
    if cut:
        for k in range(4):
            a.drop(c, 200 + k * 220, ground + 140, 0.8, p["sea"], 0.9)
    for _ in range(4):
        a.tree(c, rng.uniform(40, 700), ground, rng.uniform(0.8, 1.2), p["ground2"], p["dark"])
    return c


Scene = Callable[[dict[str, str], random.Random], a.Canvas]

# Added after the first fourteen: fixed seeds, so the others keep theirs (seeds follow sorted order).
EXTRA: dict[str, tuple[int, str, list[tuple[str, Scene]]]] = {
    "taarnby-district-cooling": (
        40,
        "heating-cooling",
        [
            ("hero.svg", lambda p, r: cooling_plant(p, r)),
            ("synergy.svg", lambda p, r: diagram(p, r, loop=True)),
            ("district.svg", lambda p, r: cooling_plant(p, r, cut=True)),
        ],
    ),
}

# slug -> theme palette, [(file name, scene)]
PLAN: dict[str, tuple[str, list[tuple[str, Scene]]]] = {
    "copenhagen-district-cooling": (
        "heating-cooling",
        [
            ("hero.svg", lambda p, r: harbour_city(p, r, plant=True, pipes=True)),
            ("loop.svg", lambda p, r: diagram(p, r, loop=True)),
            ("network.svg", lambda p, r: diagram(p, r, nodes=8)),
        ],
    ),
    "copenhagen-district-heating": (
        "heating-cooling",
        [
            ("hero.svg", lambda p, r: harbour_city(p, r, tanks=True, pipes=True)),
            ("network.svg", lambda p, r: diagram(p, r, nodes=9)),
            ("storage.svg", lambda p, r: industry(p, r)),
        ],
    ),
    "esbjerg-seawater-heat-pump": (
        "heating-cooling",
        [
            ("hero.svg", lambda p, r: harbour_city(p, r, turbines=6, plant=True)),
            ("cycle.svg", lambda p, r: diagram(p, r, loop=True)),
            ("pipes.svg", lambda p, r: harbour_city(p, r, pipes=True)),
        ],
    ),
    "middelgrunden-wind-cooperative": (
        "energy",
        [
            ("hero.svg", lambda p, r: harbour_city(p, r, turbines=10)),
            ("owners.svg", lambda p, r: diagram(p, r, loop=True)),
            ("row.svg", lambda p, r: island(p, r, turbines=0, houses=0)),
        ],
    ),
    "samso-energy-island": (
        "energy",
        [
            ("hero.svg", lambda p, r: island(p, r, turbines=5)),
            ("solar.svg", lambda p, r: island(p, r, turbines=2, houses=5, solar=True)),
            ("heat.svg", lambda p, r: industry(p, r)),
        ],
    ),
    "bornholm-ecogrid": (
        "energy",
        [
            ("hero.svg", lambda p, r: island(p, r, turbines=4, houses=10, grid=True)),
            ("grid.svg", lambda p, r: diagram(p, r, nodes=10)),
            ("homes.svg", lambda p, r: island(p, r, turbines=1, houses=12, grid=True)),
        ],
    ),
    "energylab-nordhavn": (
        "energy",
        [
            ("hero.svg", lambda p, r: harbour_city(p, r, turbines=3, pipes=True)),
            ("system.svg", lambda p, r: diagram(p, r, nodes=8)),
            ("district.svg", lambda p, r: harbour_city(p, r, tanks=True)),
        ],
    ),
    "kalundborg-symbiosis": (
        "energy",
        [
            ("hero.svg", lambda p, r: industry(p, r)),
            ("flows.svg", lambda p, r: diagram(p, r, nodes=9, drops=True)),
            ("fjord.svg", lambda p, r: harbour_city(p, r, plant=True)),
        ],
    ),
    "sonderborg-projectzero": (
        "energy",
        [
            ("hero.svg", lambda p, r: island(p, r, turbines=3, houses=9, solar=True)),
            ("roadmap.svg", lambda p, r: diagram(p, r, bars=True)),
            ("town.svg", lambda p, r: harbour_city(p, r, turbines=2)),
        ],
    ),
    "marselisborg-energy-positive": (
        "water",
        [
            ("hero.svg", lambda p, r: industry(p, r, basins=True)),
            ("cycle.svg", lambda p, r: diagram(p, r, loop=True)),
            ("bay.svg", lambda p, r: harbour_city(p, r, tanks=True)),
        ],
    ),
    "water-leakage-control": (
        "water",
        [
            ("hero.svg", lambda p, r: underground(p, r)),
            ("sensors.svg", lambda p, r: diagram(p, r, nodes=9, drops=True)),
            ("mains.svg", lambda p, r: harbour_city(p, r, pipes=True)),
        ],
    ),
    "copenhagen-cloudburst-plan": (
        "water",
        [
            ("hero.svg", lambda p, r: rain_park(p, r)),
            ("flow.svg", lambda p, r: rain_park(p, r, plan=True)),
            ("catchments.svg", lambda p, r: diagram(p, r, nodes=7, drops=True)),
        ],
    ),
    "cykelslangen-cycle-bridge": (
        "city",
        [
            ("hero.svg", lambda p, r: night_street(p, r, cyclists=4, bridge=True)),
            ("green-wave.svg", lambda p, r: night_street(p, r, lamps=5, cyclists=3)),
            ("routes.svg", lambda p, r: diagram(p, r, nodes=9)),
        ],
    ),
    "doll-outdoor-lighting-lab": (
        "city",
        [
            ("hero.svg", lambda p, r: night_street(p, r, lamps=7)),
            ("test-field.svg", lambda p, r: night_street(p, r, lamps=4, cyclists=1)),
            ("control.svg", lambda p, r: diagram(p, r, nodes=8)),
        ],
    ),
}


def logo() -> str:
    c = a.Canvas(400, 400)
    a.circle(c, 200, 200, 190, "#0a5c7a")
    a.path(
        c, "M40,250 C120,210 160,290 240,250 S340,230 360,245 L360,300 C300,370 100,370 40,300 Z", "#1f86a8"
    )
    a.rect(c, 120, 150, 44, 100, "#ffffff", rx=6)
    a.rect(c, 176, 110, 44, 140, "#ffffff", rx=6)
    a.turbine(c, 270, 250, 120, "#ffffff", 20)
    return c.svg()


def main() -> int:
    (ROOT / "media").mkdir(parents=True, exist_ok=True)
    (ROOT / "media" / "logo.svg").write_text(logo(), encoding="utf-8")
    count = 1
    plans = [(seed, slug, theme, images) for seed, (slug, (theme, images)) in enumerate(sorted(PLAN.items()))]
    plans += [(seed, slug, theme, images) for slug, (seed, theme, images) in EXTRA.items()]
    for seed, slug, theme, images in plans:
        out = ROOT / "case-studies" / slug
        out.mkdir(parents=True, exist_ok=True)
        for k, (name, scene) in enumerate(images):
            rng = random.Random(seed * 100 + k)
            (out / name).write_text(scene(PAL[theme], rng).svg(), encoding="utf-8")
            count += 1
    print(f"wrote {count} SVG files under {ROOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
