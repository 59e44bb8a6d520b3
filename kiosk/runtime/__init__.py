"""The kiosk's life without Qt: sync cycle, the one pending content swap, status text, live dataset.

``kiosk.ui.services`` adapts these plain objects to Qt (timers, signals, :class:`~kiosk.ui.workers.Workers`);
everything that decides lives here and is tested without a QApplication.
"""
