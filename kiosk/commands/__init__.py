"""Subcommands of ``kiosk``; every module here defines ``register(sub, groups)``.

``sub`` is the top-level subparsers action, ``groups`` maps ``pack``/``data``/``hub``/``admin`` to
their subparsers. Each command sets ``func`` to a handler ``(args) -> int``.
"""
