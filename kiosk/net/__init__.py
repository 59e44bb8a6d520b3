"""Networking shared by sync (the hub) and data (live sources): see :mod:`kiosk.net.http`."""
