"""The reference central API: a protocol v1 static tree plus upload, heartbeat, events and a fleet page."""
