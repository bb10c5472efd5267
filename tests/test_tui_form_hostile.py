"""Hostile text typed and pasted into a form field (the candidate form's Third-party row, at
80x24): shown escaped (no escape sequence or bidi override reaches the terminal, markup shown as
typed), stored exactly as typed, and text over the field's limit refused with one message."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import burst, make_app, screen_text, settle, stored_plan  # noqa: E402

PASTED = "\x1b[31mRED\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \u202eevil\u202c"
TYPED = " [bold]b[/bold] [@click=app.quit]q[/] محمد علي"


async def _third_party(pilot, app):
    from tui.screens.forms import CandidateForm

    await settle(pilot)
    await pilot.press("c")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, CandidateForm)
    field = form.query_one("#f-third_party")
    field.focus()
    await settle(pilot)
    return form, field


async def test_hostile_third_party_text_is_shown_escaped_and_stored_as_typed(tmp_path):
    from textual import events

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        form, field = await _third_party(pilot, app)
        form.query_one("#f-name").focus()  # a name, so the form can be saved
        await settle(pilot)
        burst(app, "Zed Q.")
        await settle(pilot)
        field.focus()
        await settle(pilot)
        field.post_message(events.Paste(PASTED))  # a terminal's bracketed paste: ESC and all
        await settle(pilot)
        burst(app, TYPED)
        await settle(pilot)
        assert field.value == PASTED + TYPED
        text = screen_text(app)
        for ch in ("\x1b", "\x07", "\u202e", "\u202c"):
            assert ch not in text  # nothing the terminal would act on
        assert app.is_running and "Third-party" in text  # [@click=app.quit] did nothing
        line = form.query_one("#e-third_party")
        shown = str(line.render())
        assert "holds control characters" in shown
        assert "\\x1b[31mRED" in shown and "\\u202eevil" in shown and "[bold]b[/bold]" in shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        cand = next(c for c in stored_plan(app).candidates() if c.name.startswith("Zed"))
        assert cand.third_party == PASTED + TYPED


async def test_third_party_text_over_its_limit_is_refused_with_one_message(tmp_path):
    from textual import events

    from advisor.plan.fieldchecks import MAX_THIRD_PARTY

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        form, field = await _third_party(pilot, app)
        before = len(list(stored_plan(app).candidates()))
        field.post_message(events.Paste("x" * (MAX_THIRD_PARTY + 1)))
        await settle(pilot)
        form.query_one("#f-name").focus()
        await settle(pilot)
        burst(app, "Long Text")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # not saved: the form stays, saying why
        text = screen_text(app)
        assert f"the limit is {MAX_THIRD_PARTY}" in text
        assert all(len(ln) <= 80 for ln in text.splitlines()) and len(text.splitlines()) <= 24
        assert "Save (ctrl+s)" in text
        assert len(list(stored_plan(app).candidates())) == before
