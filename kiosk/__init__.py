"""The town-hall counter kiosk."""

__version__ = "0.1.0"
