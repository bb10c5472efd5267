#!/usr/bin/env python3
"""Write docs/screenshot.svg: the app on the bakery demo at 100x30, a candidate selected.

    .venv/bin/python tests/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tui_helpers import make_app, settle  # noqa: E402


async def main() -> None:
    app = make_app(Path(tempfile.mkdtemp()))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "j")
        await settle(pilot)
        app.clear_notifications()
        await settle(pilot)
        out = HERE.parent / "docs"
        app.save_screenshot("screenshot.svg", path=str(out))
        print(out / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())
