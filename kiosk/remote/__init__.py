"""The guide's phone as tour remote: pairing, sessions, rate limits and a small local web server.

Qt-free (an import-linter contract says so). The Qt adapter is :mod:`kiosk.ui.remote`; it shows the
pairing QR code, turns phone commands into the same tour actions as the screen's buttons and
publishes the tour's state to the phone. See ``docs/remote-threat-model.md``.
"""
