"""The Outsource Advisor terminal app (Textual). Start it with :func:`tui.app.run`."""
