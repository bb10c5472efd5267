"""Outsource Advisor core: plan model, workspace, rules engine and command line.

Nothing in this package imports Textual; the terminal app lives in ``tui``.
"""

__version__ = "0.1.0"
