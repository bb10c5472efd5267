"""User text is shown literally: control codes made visible, markup escaped."""

from textual.content import Content  # tests may import textual; the core may not

from advisor.text import markup_safe, plain


def test_plain_makes_terminal_controls_visible():
    hostile = "Ana\x1b]52;c;aGVsbG8=\x07 \x1b[2J\x9b31m\u202eevil"
    shown = plain(hostile)
    assert shown == "Ana\\x1b]52;c;aGVsbG8=\\x07 \\x1b[2J\\x9b31m\\u202eevil"
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in shown)


def test_plain_keeps_newlines_and_tabs_unless_asked():
    assert plain("a\nb\tc") == "a\nb\tc"
    assert plain("a\nb\tc", newlines=False) == "a\\nb c"


def test_markup_safe_round_trips_through_textual_markup():
    for text in ["[bold]x[/bold]", "[@click=app.quit]hi[/]", "a\\[b]", "back\\", "[$accent]x", "price [USD]"]:
        assert Content.from_markup(markup_safe(text)).plain == text


def test_hangul_fillers_and_tag_characters_are_shown_escaped_or_dropped():
    # U+1160/U+3164/U+FFA0: zero cells for Textual, one or two in wcwidth terminals (table
    # borders moved); U+E0000-E007F: invisible tags that reached the terminal as they were
    from advisor.text import terminal_safe

    hostile = "Han\u3164\uffa0\u1160na Tag\U000e0001\U000e0041\U000e007fged"
    assert plain(hostile) == "Han\\u3164\\uffa0\\u1160na Tag\\U000e0001\\U000e0041\\U000e007fged"
    assert Content.from_markup(markup_safe(hostile)).plain == plain(hostile)
    assert terminal_safe(hostile) == "Hanna Tagged"  # where the width was measured: dropped
    assert terminal_safe("한국어 ｶﾀｶﾅ") == "한국어 ｶﾀｶﾅ"  # real Hangul and half-width text stay
