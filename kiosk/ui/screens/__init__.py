"""Full-window screens. Each is built once and re-filled; see :class:`base.Screen`."""
