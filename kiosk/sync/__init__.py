"""Kiosk-side sync with the central API (protocol v1, see docs/PROTOCOL.md) and publishing to it. Qt-free."""
