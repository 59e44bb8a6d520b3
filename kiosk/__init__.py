"""Living Lab Kiosk: a full-screen touch kiosk for smart-city living labs."""

__version__ = "0.1.0"
