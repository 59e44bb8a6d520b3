"""The fleet page: server-rendered HTML, readable without JavaScript."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from kiosk.sync import protocol

CSS = """
body{font-family:'Noto Sans',system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#1b1f24;
background:#f6f7f9;padding:0 1rem}h1{font-size:1.6rem;margin-bottom:.2rem}p.sub{color:#59616b;margin-top:0}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:8px;overflow:hidden;
box-shadow:0 1px 3px #0002}th,td{text-align:left;padding:.6rem .8rem;border-bottom:1px solid #e4e7eb;
vertical-align:top}th{background:#eef1f4;font-weight:600;font-size:.9rem}
.badge{display:inline-block;padding:.1rem .55rem;border-radius:1rem;font-size:.85rem;font-weight:600}
.ok{background:#d9f2e3;color:#0d5c2e}.stale{background:#fff1c7;color:#6b4d00}
.failing{background:#fbdada;color:#8a1414}ol.top{margin:0;padding-left:1.2rem}
.verified{color:#0d5c2e}.err{color:#8a1414;font-size:.85rem}code{font-size:.85rem}
"""
CONTROLS_CSS = """
body{max-width:96rem}form.cmd{display:inline-block;margin:0 .25rem .3rem 0}
.cmd button,.bar button{font:inherit;font-size:.85rem;padding:.3rem .6rem;border:1px solid #9aa5b1;
border-radius:6px;background:#fff;cursor:pointer}.cmd button:hover{background:#eef1f4}
.cmd input[type=text]{font:inherit;font-size:.85rem;padding:.3rem;width:11rem}
.bar{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;padding:.7rem .9rem;margin:0 0 1rem}
.bar h2{font-size:1rem;margin:0 0 .4rem}img.shot{display:block;width:16rem;max-width:100%;
border:1px solid #c9d0d8;border-radius:4px;margin-top:.3rem}.outcome{font-size:.8rem;display:block}
.s-ok{color:#0d5c2e}.s-failed,.s-refused{color:#8a1414}.s-expired{color:#6b4d00}
.s-pending,.s-delivered{color:#59616b}table.cmds td{font-size:.85rem}
tr.kiosk td:first-child{white-space:nowrap}
"""
STATUS_WORDS = {"ok": "done", "failed": "failed", "refused": "refused", "expired": "expired",
                "pending": "waiting for the kiosk", "delivered": "delivered, not acknowledged yet"}
KIND_LABELS = {"sync_now": "Sync now", "screenshot": "Screenshot", "restart_at_attract": "Restart at attract",
               "staff_message": "Staff message"}


@dataclass
class Controls:
    """What the page needs for fleet commands (kiosk/hub/commands.py)."""

    enabled: bool = False
    """The hub has an admin token (``--token-file``)."""
    unlocked: bool = False
    """This browser sent the token (the session cookie): show buttons and screenshots."""
    commands: list[dict[str, Any]] = field(default_factory=list)
    """Recent commands with outcomes, newest first (:func:`kiosk.hub.commanddb.recent`)."""
    screenshots: dict[str, str] = field(default_factory=dict)
    """Kiosk id -> when its latest screenshot arrived."""


def ago(then: str | None, now: datetime) -> str:
    if not then:
        return "never"
    seconds = int((now - protocol.parse_time(then)).total_seconds())
    if seconds < 90:
        return f"{max(seconds, 0)} s ago"
    if seconds < 5400:
        return f"{seconds // 60} min ago"
    if seconds < 172800:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def assess(kiosk: dict[str, Any], channels: dict[str, protocol.Channel], now: datetime,
           default_poll: int) -> tuple[str, str]:
    """(status, reason): ``failing`` (reports an error), ``stale`` (silent or behind) or ``ok``."""
    if kiosk.get("last_error"):
        return "failing", str(kiosk["last_error"])
    damaged = [p for p in kiosk.get("packs") or [] if p.get("verified") is False]
    if damaged:
        return "failing", (f"{damaged[0].get('id')} v{damaged[0].get('version')}: stored content does not "
                           "match its manifest (re-sync or reinstall the pack)")
    poll = int(kiosk.get("poll_seconds") or default_poll)
    silent = (now - protocol.parse_time(kiosk["last_seen"])).total_seconds()
    if silent > 3 * poll:
        return "stale", f"silent: last seen {ago(kiosk['last_seen'], now)} (polls every {poll} s)"
    channel = channels.get(kiosk.get("channel") or "")
    if channel:
        shown = {p.get("id"): p for p in kiosk.get("packs") or []}
        for entry in channel.packs:
            have = shown.get(entry.id)
            if not have or have.get("manifest_sha256") != entry.manifest_sha256:
                version = have.get("version") if have else "nothing"
                return "stale", f"shows {entry.id} {version}, channel has version {entry.version}"
    return "ok", "up to date"


def render(kiosks: list[dict[str, Any]], channels: dict[str, protocol.Channel], now: datetime,
           default_poll: int, top: dict[str, list[tuple[str, int]]] | None = None,
           controls: Controls | None = None) -> str:
    """The page; ``top`` is kiosk id -> most-viewed case studies (:func:`kiosk.hub.fleetdb.most_viewed`)."""
    top = top or {}
    controls = controls or Controls()
    rows = []
    counts = {"ok": 0, "stale": 0, "failing": 0}
    for k in kiosks:
        try:
            status, row = _row(k, channels, now, default_poll, top, controls)
        except Exception as exc:  # one kiosk's odd data never takes the page down for everyone
            status = "failing"
            row = (f'<tr class="kiosk" data-id="{escape(str(k.get("id")))}" data-status="failing">'
                   f"<td><strong>{escape(str(k.get('id')))}</strong></td><td colspan=\"7\">"
                   f'<span class="badge failing">failing</span><div class="err">unreadable report '
                   f"({escape(type(exc).__name__)})</div></td></tr>")
        counts[status] += 1
        rows.append(row)
    body = "".join(rows) or '<tr><td colspan="8">No kiosk has reported yet.</td></tr>'
    summary = ", ".join(f"{n} {name}" for name, n in counts.items())
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        f"<title>Kiosk fleet</title><style>{CSS}{CONTROLS_CSS}</style></head><body>"
        f"<h1>Kiosk fleet</h1><p class=\"sub\">{len(kiosks)} kiosks: {summary}. "
        f"Updated {escape(now.strftime('%Y-%m-%d %H:%M:%S'))} UTC.</p>"
        f"{_command_bar(kiosks, controls)}"
        "<table><thead><tr><th>Kiosk</th><th>Showing</th><th>Last seen</th><th>Last sync</th>"
        "<th>Status</th><th>Uptime / memory</th><th>Most viewed</th><th>Commands</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
        f"{_command_log(controls, now)}"
        "</body></html>"
    )


def _row(k: dict[str, Any], channels: dict[str, protocol.Channel], now: datetime, default_poll: int,
         top: dict[str, list[tuple[str, int]]], controls: Controls) -> tuple[str, str]:
    status, reason = assess(k, channels, now, default_poll)
    packs = "<br>".join(
        f"{escape(str(p.get('id')))} v{escape(str(p.get('version')))} "
        f"<code>{escape(str(p.get('manifest_sha256', ''))[:12])}</code>{_verified(p.get('verified'))}"
        for p in k.get("packs") or []
    ) or "nothing"
    if k.get("route"):
        packs += f'<br><small class="route">on screen: {escape(str(k["route"]))}</small>'
    detail = f'<div class="err">{escape(reason)}</div>' if status != "ok" else ""
    detail += "".join(f'<div class="err recent">{escape(str(e))}</div>'
                      for e in (k.get("recent_errors") or [])[-3:])
    return status, (
        f'<tr class="kiosk" data-id="{escape(k["id"])}" data-status="{status}">'
        f"<td><strong>{escape(k['id'])}</strong><br><small>{escape(k.get('channel') or '')}</small></td>"
        f"<td>{packs}</td><td>{escape(ago(k.get('last_seen'), now))}</td>"
        f"<td>{escape(ago(k.get('last_sync'), now))}</td>"
        f'<td><span class="badge {status}">{status}</span>{detail}</td>'
        f"<td>{_uptime(k.get('uptime_seconds'))}<br>{_mem(k.get('memory_mb'))}</td>"
        f"<td>{_top(top.get(k['id']))}</td><td>{_kiosk_controls(k, controls)}</td></tr>"
    )


def _uptime(seconds: Any) -> str:
    if not seconds:
        return "-"
    hours = float(seconds) / 3600
    return f"up {hours / 24:.1f} days" if hours >= 48 else f"up {hours:.1f} h"


def _verified(flag: Any) -> str:
    if flag is True:
        return ' <span class="verified" title="manifest hash recomputed on the kiosk">&#10003;</span>'
    if flag is False:
        return ' <span class="unverified err">damaged</span>'
    return ""


def _top(views: list[tuple[str, int]] | None) -> str:
    if not views:
        return "-"
    items = "".join(f'<li data-slug="{escape(slug)}">{escape(slug)} <small>{n}</small></li>'
                    for slug, n in views)
    return f'<ol class="top">{items}</ol>'


def _mem(mb: Any) -> str:
    return f"{float(mb):.0f} MB" if mb else "-"


def _form(target: str, kind: str, label: str, *, text: bool = False) -> str:
    field_html = ('<input type="text" name="text" maxlength="500" required placeholder="Message to staff" '
                  f'aria-label="Message to staff at {escape(target)}">') if text else ""
    confirm = (f' onsubmit="return confirm(\'Restart {escape(target)} at its next attract loop?\')"'
               if kind == "restart_at_attract" else "")
    return (f'<form class="cmd" method="post" action="/fleet/commands"{confirm}>'
            f'<input type="hidden" name="target" value="{escape(target)}">'
            f'<input type="hidden" name="kind" value="{kind}">{field_html}'
            f'<button type="submit" data-kind="{kind}" data-target="{escape(target)}">{label}</button>'
            "</form>")


def _buttons(target: str) -> str:
    return (_form(target, "sync_now", "Sync now") + _form(target, "screenshot", "Screenshot")
            + _form(target, "restart_at_attract", "Restart at attract")
            + _form(target, "staff_message", "Send", text=True))


def _command_bar(kiosks: list[dict[str, Any]], controls: Controls) -> str:
    if not controls.enabled:
        return ('<div class="bar"><p class="sub">Fleet commands are off: start the hub with '
                "<code>--token-file</code> to send commands to kiosks.</p></div>")
    if not controls.unlocked:
        return ('<div class="bar"><form class="cmd" method="post" action="/fleet/login">'
                '<label>Hub token <input type="password" name="token" autocomplete="current-password" '
                'required></label> <button type="submit">Unlock commands</button></form>'
                '<small class="sub"> Commands and screenshots need the hub token.</small></div>')
    channels: dict[str, int] = {}
    for k in kiosks:
        if k.get("channel"):
            channels[str(k["channel"])] = channels.get(str(k["channel"]), 0) + 1
    rows = "".join(
        f'<div class="channel" data-channel="{escape(name)}"><strong>Channel {escape(name)}</strong> '
        f'<small>({n} kiosk{"s" if n != 1 else ""})</small><br>{_buttons("channel:" + name)}</div>'
        for name, n in sorted(channels.items()))
    return ('<div class="bar"><form class="cmd" method="post" action="/fleet/logout" style="float:right">'
            '<button type="submit">Lock</button></form><h2>Send to a whole channel</h2>'
            f'{rows or "<small>No channel has reported yet.</small>"}</div>')


def _kiosk_controls(k: dict[str, Any], controls: Controls) -> str:
    if not controls.unlocked:
        return "-"
    kiosk_id = str(k["id"])
    outcomes = []
    for cmd in controls.commands:
        o = cmd["outcomes"].get(kiosk_id)
        if o is None:
            continue
        outcomes.append(_outcome(cmd, o))
        if len(outcomes) == 3:
            break
    shot = ""
    taken = controls.screenshots.get(kiosk_id)
    if taken:
        src = f"/fleet/screenshots/{escape(kiosk_id)}.png?t={escape(taken)}"
        shot = (f'<a href="{src}"><img class="shot" src="{src}" alt="Screenshot of {escape(kiosk_id)}"></a>'
                f'<small>screenshot {escape(taken.replace("T", " ").rstrip("Z"))} UTC</small>')
    return _buttons("kiosk:" + kiosk_id) + "".join(outcomes) + shot


def _outcome(cmd: dict[str, Any], o: dict[str, Any]) -> str:
    status = str(o["status"])
    detail = f": {escape(str(o['detail']))}" if o.get("detail") else ""
    return (f'<span class="outcome s-{escape(status)}" data-command="{escape(cmd["id"])}" '
            f'data-status="{escape(status)}">{KIND_LABELS.get(cmd["kind"], escape(cmd["kind"]))}: '
            f"{STATUS_WORDS.get(status, escape(status))}{detail}</span>")


def _command_log(controls: Controls, now: datetime) -> str:
    if not controls.unlocked or not controls.commands:
        return ""
    rows = []
    for cmd in controls.commands:
        what = KIND_LABELS.get(cmd["kind"], cmd["kind"])
        if cmd["kind"] == "staff_message":
            what += f' "{cmd["args"].get("text", "")}"'
        outcomes = _outcomes(cmd["outcomes"])
        rows.append(f'<tr class="command" data-id="{escape(cmd["id"])}">'
                    f'<td>{escape(ago(cmd["created_at"], now))}</td><td>{escape(cmd["target"])}</td>'
                    f'<td>{escape(what)}'
                    f'{" <small>(signed)</small>" if cmd["signed"] else ""}</td><td>{outcomes}</td></tr>')
    return ('<h2>Recent commands</h2><table class="cmds"><thead><tr><th>Sent</th><th>To</th><th>Command</th>'
            f'<th>Outcome per kiosk</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


SHOW_EACH = 6
"""A command that reached more kiosks than this shows counts and only the kiosks that are not done."""


def _outcomes(outcomes: dict[str, dict[str, Any]]) -> str:
    if not outcomes:
        return "no kiosk in this channel yet"
    items = list(outcomes.items())
    head = ""
    if len(items) > SHOW_EACH:
        counts: dict[str, int] = {}
        for _, o in items:
            counts[o["status"]] = counts.get(o["status"], 0) + 1
        head = (f'<span class="outcome">{len(items)} kiosks: '
                + ", ".join(f"{n} {STATUS_WORDS.get(s, s)}" for s, n in sorted(counts.items())) + "</span>")
        items = [(k, o) for k, o in items if o["status"] != "ok"][:10]
    return head + "".join(
        f"<span class=\"outcome s-{escape(o['status'])}\">{escape(kid)}: "
        f"{STATUS_WORDS.get(o['status'], escape(o['status']))}"
        f"{': ' + escape(o['detail']) if o.get('detail') else ''}</span>" for kid, o in items)
