"""The admin side of an unattended kiosk (Qt-free): PIN hashing and lockout, panel facts, config edits.

The widgets live in :mod:`kiosk.ui.admin`; the ``kiosk admin`` commands in :mod:`kiosk.commands.admin`.
"""

RESTART_EXIT_CODE = 75
"""``kiosk run`` exits with this (EX_TEMPFAIL) when the admin panel asks for a restart; the systemd
unit's ``Restart=always`` starts it again. An admin "exit" returns 0."""
