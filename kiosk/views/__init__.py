"""Widgets: main window, navigator, pages, reusable widgets and the theme. The only layer that knows Qt."""
