"""Text folding shared by sorting (models) and search (services): accents, case and punctuation ignored."""

from __future__ import annotations

import re
import unicodedata

# NFKD does not decompose these ligatures, and French uses them ("œuvre", "cæcum").
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_NOT_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """``text`` folded for comparison: no accents, casefolded, ligatures split, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.translate(_LIGATURES)).strip()


def sort_key(text: str) -> tuple[str, str]:
    """Accent-insensitive order ("Écoles" between "Eau" and "Fêtes"); the raw text breaks ties stably."""
    return normalize(text), text
