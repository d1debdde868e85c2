"""Whether a catalogue text reads as what it says: something visible, and no character that reorders or hides it.

A text made only of zero-width characters draws an empty tile; a bidirectional override (U+202E) shows
"TNEMUCOD" as "DOCUMENT". Neither has a place in a procedure's texts, so both are refused where the catalogue is
read, with the code point named so that the operator can find it in an editor that does not show it.
"""

from __future__ import annotations

import unicodedata

__all__ = ["check_readable"]

# Embeddings, overrides, isolates and the three marks: all change the order in which the text is drawn.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters and symbols by category that draw nothing: the Hangul fillers and the blank braille pattern.
_BLANK_GLYPHS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# Letters, numbers, punctuation and symbols draw ink; separators (Z*) and format characters (C*) do not, and a
# combining mark (M*) alone has nothing to draw on.
_VISIBLE_CATEGORIES = frozenset("LNPS")
_ALLOWED_CONTROLS = frozenset("\n\t")


def _visible(char: str) -> bool:
    return unicodedata.category(char)[0] in _VISIBLE_CATEGORIES and char not in _BLANK_GLYPHS


def check_readable(text: str) -> str:
    """``text`` unchanged, or ValueError saying why a citizen could not read it as written."""
    for char in text:
        if char in BIDI_CONTROLS:
            raise ValueError(
                f"contains U+{ord(char):04X}, a bidirectional control that can make a text read differently from "
                "what it says"
            )
        if unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS:
            raise ValueError(f"contains U+{ord(char):04X}, a control character")
    if not any(map(_visible, text)):
        raise ValueError("has no visible character")
    return text
