"""Privacy-preserving interaction analytics (Qt-free): an SQLite buffer, sent to the hub in batches.

Only where (a route: content ids, never free text), how long, which language and tour starts; no
person, no image, no input. See :mod:`kiosk.analytics.buffer`.
"""

from kiosk.analytics.buffer import EventBuffer, flush_to_hub

__all__ = ["EventBuffer", "flush_to_hub"]
