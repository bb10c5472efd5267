"""The footer (tui/widgets/footer.py) skips Textual's recompose when the keys it shows are
unchanged; it must still show exactly the screen's keys, enabled or dimmed, after every change
of focus, screen and selection."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, settle  # noqa: E402


def shown(app) -> list[tuple[str, str, bool]]:
    """What the footer shows: (key, label, dimmed) per key widget."""
    from textual.widgets._footer import FooterKey

    from tui.widgets.footer import KeysFooter

    footer = app.screen.query_one(KeysFooter)
    return [(k.key, k.description, k.has_class("-disabled")) for k in footer.query(FooterKey)
            if "-command-palette" not in k.classes]


def wanted(app) -> list[tuple[str, str, bool]]:
    """What Textual's Footer would show for the screen's bindings right now (one key per
    action: the first)."""
    first = {}
    for (_node, b, enabled, _tip) in app.screen.active_bindings.values():
        if b.show:
            first.setdefault(b.action, (b.key, b.description, not enabled))
    return list(first.values())


async def test_the_footer_follows_focus_screens_and_enabled_keys(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        seen = set()
        # main screen (task list, candidates), the compare screen (keys enabled only with a
        # candidate column selected), a form (Tab through fields), the keys screen, and back
        for key in ("j", "tab", "j", "C", "a", "right", "left", "escape", "e", "tab", "tab", "escape",
                    "question_mark", "escape", "tab"):
            await pilot.press(key)
            await settle(pilot)
            assert shown(app) == wanted(app), (key, type(app.screen).__name__)
            seen.add((type(app.screen).__name__, tuple(shown(app))))
        assert len({screen for screen, _ in seen}) >= 3  # the walk really changed screens
