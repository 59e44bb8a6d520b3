"""The phone's commands are parsed strictly; errors name the field (no Qt, no server)."""

from __future__ import annotations

import pytest

from kiosk.remote.commands import Command, CommandError, parse_command


@pytest.mark.parametrize(
    ("body", "command"),
    [
        (b'{"action": "next"}', Command("next")),
        (b'{"action": "previous"}', Command("previous")),
        (b'{"action": "goto", "stop": 3}', Command("goto", stop=3)),
        (b'{"action": "end"}', Command("end")),
        (b'{"action": "start", "tour": "energy-transition"}', Command("start", tour="energy-transition")),
    ],
)
def test_commands(body: bytes, command: Command) -> None:
    assert parse_command(body) == command


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"next", "body"),
        (b"[1]", "body"),
        (b'{"action": "reboot"}', "'action'"),
        (b'{"action": "goto"}', "'stop'"),
        (b'{"action": "goto", "stop": true}', "'stop'"),
        (b'{"action": "goto", "stop": -1}', "'stop'"),
        (b'{"action": "next", "stop": 1}', "'stop'"),
        (b'{"action": "start", "tour": ""}', "'tour'"),
        (b'{"action": "next", "path": "/etc/passwd"}', "'path'"),
        (b"\xff\xfe", "body"),
    ],
)
def test_bad_commands_name_the_field(body: bytes, field: str) -> None:
    with pytest.raises(CommandError, match=field):
        parse_command(body)
