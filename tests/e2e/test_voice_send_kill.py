"""A kiosk process killed with SIGKILL at random points while it sends votes to a real hub, 30 times:
the hub ends with every vote exactly once."""

from __future__ import annotations

import random
import signal
import textwrap
from collections import Counter
from pathlib import Path

import pytest
import requests

pytest.importorskip("uvicorn")

from kiosk.hub.app import HubSettings
from kiosk.voice import Ballot
from tests.helpers.processes import run_and_kill
from tests.helpers.servers import running_hub

KILLS = 30
VOTES = 600

SENDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import requests
    from kiosk.voice import Ballot

    url = sys.argv[2]
    ballot = Ballot(Path(sys.argv[1]))
    print("ready", flush=True)

    def send(batch):
        body = {"kiosk_id": "kiosk-a", "channel": "main", "votes": [v.as_json() for v in batch]}
        answer = requests.post(url + "/api/v1/voices", json=body, timeout=30,
                               headers={"Authorization": "Bearer fleet-token-0123456789"})
        print("posted", flush=True)
        return answer.json()["refused"] if answer.ok else None

    while ballot.flush(send, batch=9, max_batches=1):
        pass
    print("done", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_sending_to_the_hub_never_loses_or_doubles(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    clock = [1_794_992_399.0]
    ballot = Ballot(db, min_interval=0, clock=lambda: clock[0])
    cast = Counter()
    for i in range(VOTES):
        ballot.record("street", i % 3, f"visit-{i}")
        ballot.end_visit(f"visit-{i}")
        cast[i % 3] += 1
    ballot.close()
    script = tmp_path / "sender.py"
    script.write_text(SENDER, encoding="utf-8")
    rng = random.Random(1129)
    with running_hub(HubSettings(tmp_path / "root", fleet_token="fleet-token-0123456789")) as url:
        for _ in range(KILLS):
            run_and_kill(script, [str(db), url], rng.randint(0, 3))
        assert "done" in run_and_kill(script, [str(db), url], 10_000)
        doc = requests.get(f"{url}/api/v1/voices/main", timeout=10).json()
    street = doc["polls"]["street"]
    assert street["total"] == VOTES and street["choices"] == [cast[0], cast[1], cast[2]]
    assert street["refused"] == 0
    check = Ballot(db)
    assert check.pending() == 0 and sum(c.votes for c in check.counts()) == VOTES
    check.close()
