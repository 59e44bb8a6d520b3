"""The /fleet page's command controls, rendered without a server."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kiosk.hub.fleet import Controls, render

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
KIOSKS = [{"id": f"lab-{i}", "channel": "main", "packs": [], "last_seen": "2026-11-29T11:59:00Z"}
          for i in range(10)]


def command(outcomes: dict[str, dict[str, Any]], kind: str = "sync_now", **args: str) -> dict[str, Any]:
    return {"id": "a" * 32, "target": "channel:main", "kind": kind, "args": args, "signed": True,
            "created_at": "2026-11-29T11:58:00Z", "expires_at": "2026-11-29T12:58:00Z", "expired": False,
            "outcomes": outcomes}


def page(controls: Controls) -> str:
    return render(KIOSKS, {}, NOW, 60, {}, controls)


def test_without_an_admin_token_the_page_says_commands_are_off() -> None:
    html = page(Controls(enabled=False))
    assert "Fleet commands are off" in html and "data-kind" not in html


def test_locked_page_asks_for_the_token_and_shows_no_buttons_or_screenshots() -> None:
    html = page(Controls(enabled=True, unlocked=False, screenshots={"lab-1": "2026-11-29T11:59:00Z"}))
    assert 'action="/fleet/login"' in html and 'type="password"' in html
    assert "data-kind" not in html and "<img" not in html


def test_unlocked_page_has_buttons_per_kiosk_and_channel_and_the_screenshot() -> None:
    html = page(Controls(enabled=True, unlocked=True, screenshots={"lab-1": "2026-11-29T11:59:00Z"}))
    for target in ["channel:main"] + [f"kiosk:lab-{i}" for i in range(10)]:
        assert f'data-kind="screenshot" data-target="{target}"' in html
    assert html.count('<img class="shot"') == 1
    assert 'src="/fleet/screenshots/lab-1.png?t=2026-11-29T11:59:00Z"' in html
    assert "return confirm('Restart kiosk:lab-1 at its next attract loop?')" in html


def test_a_channel_command_shows_counts_and_only_the_kiosks_not_done() -> None:
    outcomes = {f"lab-{i}": {"status": "ok", "detail": "synced"} for i in range(8)}
    outcomes["lab-8"] = {"status": "failed", "detail": "sync failed: disk full"}
    outcomes["lab-9"] = {"status": "expired", "detail": "not acknowledged before 12:58"}
    html = page(Controls(enabled=True, unlocked=True, commands=[command(outcomes)]))
    log = html.split("Recent commands", 1)[1]
    assert "10 kiosks: 1 expired, 1 failed, 8 done" in log
    assert "lab-8: failed: sync failed: disk full" in log and "lab-9: expired" in log
    assert "lab-3:" not in log
    assert 'data-status="failed"' in html.split('data-id="lab-8"', 1)[1].split("</tr>", 1)[0]


def test_staff_message_text_is_escaped() -> None:
    cmd = command({"lab-1": {"status": "ok", "detail": ""}}, kind="staff_message", text="<script>x</script>")
    html = page(Controls(enabled=True, unlocked=True, commands=[cmd]))
    assert "<script>x" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
