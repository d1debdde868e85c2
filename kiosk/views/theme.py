"""The theme: design tokens (colours, sizes) from resources/themes/*.toml, turned into a stylesheet.

Tokens are data so that a town can re-brand without code, and so that the tests can check every text
colour pair for contrast (WCAG relative luminance) without rendering anything.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtGui import QColor

from kiosk.paths import resources_dir

# (foreground, background) pairs that carry text: >= 4.5:1, >= 7:1 in high contrast.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("text", "surface"),
    ("text", "surface_alt"),
    ("text_muted", "background"),
    ("text_muted", "surface"),
    ("primary", "surface"),
    ("primary", "background"),
    ("on_primary", "badge_bg"),
    ("on_primary", "primary"),
    ("on_primary", "primary_pressed"),
    ("tile_text", "tile_bg"),
    ("tile_text", "surface_alt"),  # a tile while pressed, a result row while selected
    ("text_muted", "tile_bg"),
    ("text_muted", "surface_alt"),
    ("header_text", "header_bg"),
    ("badge_text", "badge_bg"),
    ("error", "surface"),
    ("error", "error_bg"),
    ("success", "surface"),
    ("key_text", "key_bg"),
    ("key_text", "key_action_bg"),
    ("on_primary", "primary"),  # checked header buttons and chosen slots
)
# Boundaries and focus rings: >= 3:1 (WCAG 1.4.11).
NON_TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("border", "surface"),
    ("focus", "surface"),
    ("focus", "background"),
    ("tile_border", "background"),
)


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    c = QColor(color)
    return 0.2126 * _channel(c.red()) + 0.7152 * _channel(c.green()) + 0.0722 * _channel(c.blue())


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two opaque colours, from 1 to 21."""
    a, b = luminance(foreground), luminance(background)
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    colors: dict[str, str]
    sizes: dict[str, int]

    @property
    def high_contrast(self) -> bool:
        return self.name == "high-contrast"

    @property
    def min_text_contrast(self) -> float:
        return 7.0 if self.high_contrast else 4.5

    def color(self, token: str) -> QColor:
        return QColor(self.colors[token])

    def size(self, token: str) -> int:
        return self.sizes[token]

    def stylesheet(self) -> str:
        template = string.Template((_themes_dir() / "kiosk.qss").read_text(encoding="utf-8"))
        values: dict[str, object] = {**self.colors, **self.sizes}
        values["scrim"] = _qss_rgba(self.colors["scrim"])
        values["font_huge"] = round(self.sizes["font_title"] * 1.6)
        return template.substitute(values)


def _qss_rgba(argb: str) -> str:
    c = QColor(argb)
    return f"rgba({c.red()}, {c.green()}, {c.blue()}, {c.alpha()})"


def _themes_dir() -> Path:
    return resources_dir() / "themes"


def load_theme(high_contrast: bool = False) -> Theme:
    path = _themes_dir() / ("high-contrast.toml" if high_contrast else "default.toml")
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    return Theme(name=raw["name"], colors=dict(raw["colors"]), sizes={k: int(v) for k, v in raw["sizes"].items()})
