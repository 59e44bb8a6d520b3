"""How a refused request is explained and what the SensorThings connector asks for next."""

from __future__ import annotations

import pytest

from kiosk.data.connectors.sensorthings import next_query, observations_url
from kiosk.data.http import HttpStatusError, reason_from


@pytest.mark.parametrize(("body", "reason"), [
    # Django Ninja / pydantic (django-ogc-sensorthings): the validator's own words
    (b'{"detail": [{"type": "value_error", "loc": ["query", "query"], "msg": "Value error, $top must be '
     b'less than or equal to 100", "ctx": {"error": "$top must be less than or equal to 100"}}]}',
     "$top must be less than or equal to 100"),
    # FROST-Server
    (b'{"code": 400, "type": "error", "message": "Failed to parse query: $orderby"}',
     "Failed to parse query: $orderby"),
    (b'{"detail": "Not found"}', "Not found"),
    (b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "502 Bad Gateway"),
    (b"quota exceeded\nsecond line", "quota exceeded"),
    (b"", ""),
])
def test_reason_from_error_bodies(body: bytes, reason: str) -> None:
    assert reason_from(body) == reason


def refused(status: int, reason: str) -> HttpStatusError:
    return HttpStatusError("http://sta/v1.1/Datastreams(1)/Observations", status, reason)


def test_refusal_message_names_the_servers_reason() -> None:
    err = refused(422, "$top must be less than or equal to 100")
    assert str(err).startswith("the source refused: $top must be less than or equal to 100 (HTTP 422")
    assert err.kind == "refused"
    assert refused(500, "Internal server error").kind == "failed"


def test_next_query_follows_the_reason_then_drops_options_one_at_a_time() -> None:
    q = next_query({}, refused(422, "$top must be less than or equal to 250"))
    assert q is not None and q["top"] == 250 and q["orderby"]
    q = next_query(q, refused(500, "Internal server error"))
    assert q is not None and (q["top"], q["orderby"]) == (250, False)
    q = next_query(q, refused(400, "bad request"))
    assert q is not None and q["top"] == 100
    q = next_query(q, refused(400, "bad request"))
    assert q is not None and q["top"] is None
    q = next_query(q, refused(400, "bad request"))
    assert q is not None and q["select"] is False
    q = next_query(q, refused(400, "bad request"))
    assert q is not None and q["filter"] is False
    assert next_query(q, refused(400, "bad request")) is None
    url = observations_url("http://sta/v1.1", 7, 0, q)
    assert url == "http://sta/v1.1/Datastreams(7)/Observations"
