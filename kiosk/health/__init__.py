"""Self-healing for a kiosk that runs alone for months (Qt-free).

``sdnotify``: systemd readiness and watchdog pings; ``crashloop``: roll back a pack that keeps
crashing the kiosk; ``memory``: the RSS ceiling; ``startup``: store checks before anything opens it.
"""
