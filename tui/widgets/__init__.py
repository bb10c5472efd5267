"""Widgets of the app: the panes of the main screen and small drawing helpers."""
