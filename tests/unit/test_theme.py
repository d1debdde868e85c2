"""Theme tokens: every text colour pair meets WCAG contrast (4.5:1, 7:1 in high contrast), boundaries 3:1."""

from __future__ import annotations

import pytest

from kiosk.views.theme import NON_TEXT_PAIRS, TEXT_PAIRS, contrast_ratio, load_theme


def test_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


@pytest.mark.parametrize("high_contrast", [False, True])
def test_text_pairs_are_readable(high_contrast: bool) -> None:
    theme = load_theme(high_contrast)
    failing = [
        f"{fg} on {bg}: {contrast_ratio(theme.colors[fg], theme.colors[bg]):.2f}"
        for fg, bg in TEXT_PAIRS
        if contrast_ratio(theme.colors[fg], theme.colors[bg]) < theme.min_text_contrast
    ]
    assert not failing, failing


@pytest.mark.parametrize("high_contrast", [False, True])
def test_boundaries_and_focus_are_visible(high_contrast: bool) -> None:
    theme = load_theme(high_contrast)
    failing = [(fg, bg) for fg, bg in NON_TEXT_PAIRS if contrast_ratio(theme.colors[fg], theme.colors[bg]) < 3.0]
    assert not failing


@pytest.mark.parametrize("high_contrast", [False, True])
def test_stylesheet_uses_only_known_tokens_and_touch_sizes(high_contrast: bool) -> None:
    theme = load_theme(high_contrast)
    qss = theme.stylesheet()  # string.Template raises on an unknown token
    assert "$" not in qss
    assert theme.size("touch_min") >= 48
    assert theme.size("primary_min") >= 60


def test_both_themes_define_the_same_tokens() -> None:
    normal, contrast = load_theme(False), load_theme(True)
    assert normal.colors.keys() == contrast.colors.keys()
    assert normal.sizes.keys() == contrast.sizes.keys()
