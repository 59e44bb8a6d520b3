"""The ``/voices`` page for the lab team: per poll, the shares, the trend per week, the count per
kiosk and a CSV export. Server-rendered HTML with CSS bars, readable without JavaScript."""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import Any
from urllib.parse import quote

from kiosk.hub.fleet import CSS as FLEET_CSS
from kiosk.hub.voicelabels import PollLabel

CSS = FLEET_CSS + """
section.poll{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;padding:1rem 1.2rem;margin:1rem 0}
section.poll h3{margin:.1rem 0 .2rem;font-size:1.2rem}.meta{color:#59616b;margin:0 0 .8rem}
.row{display:grid;grid-template-columns:16rem 1fr 8rem;gap:.6rem;align-items:center;margin:.3rem 0}
.track{background:#eef1f4;border-radius:4px;height:1.3rem}.fill{background:#0a5c7a;height:100%;border-radius:4px}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}h4{margin:1rem 0 .4rem;font-size:.95rem}
td.num,th.num{text-align:right}.wk{display:inline-block;background:#7aa6b8;height:.7rem;border-radius:2px}
"""


def render(channels: list[dict[str, Any]], now: datetime) -> str:
    """``channels``: ``{channel, polls (voicedb.aggregate), weekly, labels}`` per channel."""
    sections = []
    total = polls = 0
    for ch in channels:
        name = ch["channel"]
        parts = []
        for poll_id, agg in ch["polls"].items():
            polls += 1
            total += agg["total"]
            label = ch["labels"].get(poll_id)
            parts.append(_poll(poll_id, agg, label, ch["weekly"].get(poll_id, [])))
        csv = f"/voices.csv?channel={quote(name)}"
        sections.append(f'<h2 data-channel="{escape(name)}">Channel {escape(name)} '
                        f'<small><a href="{escape(csv)}">CSV export</a></small></h2>' + "".join(parts))
    body = "".join(sections) or "<p>No votes have reached the hub yet.</p>"
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        f"<title>Citizen voice</title><style>{CSS}</style></head><body>"
        f"<h1>Citizen voice</h1><p class=\"sub\">{total:,} votes in {polls} poll(s) on "
        f"{len(channels)} channel(s). Updated {escape(now.strftime('%Y-%m-%d %H:%M:%S'))} UTC.</p>"
        f"{body}</body></html>"
    )


def _poll(poll_id: str, agg: dict[str, Any], label: PollLabel | None, weeks: list[tuple[str, int]]) -> str:
    choices: list[int] = agg["choices"]
    names = label.choices if label else ()
    width = max(len(choices), len(names))
    counts = [choices[i] if i < len(choices) else 0 for i in range(width)]
    total = agg["total"]
    rows = []
    for i, n in enumerate(counts):
        share = 100 * n / total if total else 0.0
        text = names[i] if i < len(names) else f"choice {i + 1}"
        rows.append(f'<div class="row" data-choice="{i}" data-votes="{n}"><span>{escape(text)}</span>'
                    f'<span class="track"><span class="fill" style="width:{share:.1f}%;display:block">'
                    f'</span></span><span class="num">{n:,} ({share:.0f} %)</span></div>')
    question = label.question if label and label.question else poll_id
    where = f" · case study {escape(label.case_study)}" if label and label.case_study else (
        " · lab-wide question" if label else " · not in the channel's packs")
    refused = f" · {agg['refused']:,} refused by the hourly cap" if agg.get("refused") else ""
    peak = max((n for _, n in weeks), default=0)
    week_rows = "".join(
        f'<tr data-week="{escape(week)}"><td>{escape(week)}</td><td class="num">{n:,}</td>'
        f'<td><span class="wk" style="width:{6 * n / peak if peak else 0:.2f}rem"></span></td></tr>'
        for week, n in weeks[-12:])
    head = "".join(f'<th class="num">{escape(names[i] if i < len(names) else str(i + 1))}</th>'
                   for i in range(width))
    kiosk_rows = "".join(
        f'<tr data-kiosk="{escape(k)}"><td>{escape(k)}</td>'
        + "".join(f'<td class="num">{(v[i] if i < len(v) else 0):,}</td>' for i in range(width))
        + f'<td class="num">{sum(v):,}</td></tr>'
        for k, v in agg["kiosks"].items())
    return (
        f'<section class="poll" data-poll="{escape(poll_id)}" data-total="{total}">'
        f"<h3>{escape(question)}</h3><p class=\"meta\"><code>{escape(poll_id)}</code>{where} · "
        f"<strong>{total:,} vote{'' if total == 1 else 's'}</strong>{refused}</p>{''.join(rows)}"
        "<div class=\"cols\"><div><h4>Per week (week starting)</h4><table class=\"weeks\"><tbody>"
        f"{week_rows}</tbody></table></div><div><h4>Per kiosk</h4><table class=\"kiosks\"><thead><tr>"
        f"<th>Kiosk</th>{head}<th class=\"num\">Total</th></tr></thead><tbody>{kiosk_rows}</tbody>"
        "</table></div></div></section>"
    )
