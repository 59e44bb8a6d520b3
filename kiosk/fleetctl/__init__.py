"""Hub commands on the kiosk: check (signature, target, expiry, replay), remember, acknowledge.

No Qt here: :mod:`kiosk.ui.fleetctl` runs the commands in the app; the benchmark runs them headless.
"""
