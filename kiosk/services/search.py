"""Procedure search as the citizen types: accent- and case-insensitive, every word a prefix, best matches first.

Pure Python over an in-memory inverted index, cheap enough to run on the GUI thread at each keystroke.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import accumulate

from kiosk.models.collation import normalize, sort_key
from kiosk.models.dto import ProcedureSummary

__all__ = ["SearchIndex", "normalize"]

# Where a word is found decides its weight; a whole word scores one more than a prefix of the same field,
# so field order always dominates and exactness breaks ties within a field.
TITLE, KEYWORD, DOMAIN, DESCRIPTION = 8, 6, 4, 2
_EXACT = 1
_TOP = "\U0010ffff"  # sorts after every character: term + _TOP bounds the words that start with term
# Terms whose postings are this long are merged once at build time rather than at every keystroke: short
# prefixes ("d", "de") touch most of the catalogue.
_PRECOMPUTE_COST = 2_000
_PRECOMPUTE_MAX_LENGTH = 2
# Past this ratio of postings to candidates, checking each candidate's own words is cheaper.
_CANDIDATE_RATIO = 4


def _row_words(row: ProcedureSummary) -> dict[str, int]:
    fields = (
        (TITLE, (row.title.fr, row.title.en)),
        (KEYWORD, row.keywords),
        (DOMAIN, (row.domain_title.fr, row.domain_title.en)),
        (DESCRIPTION, (row.description.fr, row.description.en)),
    )
    best: dict[str, int] = {}
    for weight, texts in fields:
        for text in texts:
            if text:
                for word in normalize(text).split():
                    if best.get(word, 0) < weight:
                        best[word] = weight
    return best


class SearchIndex:
    """An immutable index of procedure summaries. Build it off the GUI thread; search it anywhere."""

    __slots__ = ("_cost", "_heavy", "_postings", "_row_vocab", "_row_weights", "_rows", "_vocab")

    def __init__(self, rows: Sequence[ProcedureSummary], words: Sequence[dict[str, int]]) -> None:
        # Row order is the tie-break order, so a tie needs no string comparison at query time.
        self._rows = tuple(rows)
        postings: dict[str, dict[int, int]] = {}
        row_vocab: list[tuple[str, ...]] = []
        row_weights: list[tuple[int, ...]] = []
        for index, best in enumerate(words):
            for word, weight in best.items():
                postings.setdefault(word, {})[index] = weight
            ordered = sorted(best.items())
            row_vocab.append(tuple(w for w, _ in ordered))
            row_weights.append(tuple(weight for _, weight in ordered))
        self._vocab = sorted(postings)
        self._postings = [postings[w] for w in self._vocab]
        self._cost = [0, *accumulate(len(p) for p in self._postings)]
        self._row_vocab = row_vocab
        self._row_weights = row_weights
        self._heavy: dict[str, dict[int, int]] = {}
        for prefix in sorted({w[:n] for w in self._vocab for n in range(1, _PRECOMPUTE_MAX_LENGTH + 1)}):
            lo, hi = self._range(prefix)
            if self._cost[hi] - self._cost[lo] >= _PRECOMPUTE_COST:
                self._heavy[prefix] = self._merge(prefix, lo, hi)

    @classmethod
    def build(cls, rows: Iterable[ProcedureSummary]) -> SearchIndex:
        """An index over ``rows``; ties in search results come out by French title, accents ignored."""
        ordered = sorted(rows, key=lambda r: (*sort_key(r.title.fr), r.slug))
        return cls(ordered, [_row_words(r) for r in ordered])

    @classmethod
    def empty(cls) -> SearchIndex:
        return cls((), ())

    def __len__(self) -> int:
        return len(self._rows)

    def search(self, query: str, limit: int = 50) -> list[ProcedureSummary]:
        """Procedures matching every word of ``query`` as a word prefix, best first; [] for a blank query."""
        terms = sorted(set(normalize(query).split()))
        if not terms or limit <= 0:
            return []
        ranges = [(term, *self._range(term)) for term in terms]
        ranges.sort(key=lambda r: self._cost[r[2]] - self._cost[r[1]])
        term, lo, hi = ranges[0]
        scores = self._heavy.get(term) or self._merge(term, lo, hi)
        for term, lo, hi in ranges[1:]:
            if not scores:
                return []
            weights = self._heavy.get(term)
            if weights is None:
                if self._cost[hi] - self._cost[lo] > _CANDIDATE_RATIO * len(scores):
                    scores = self._narrow_by_rows(scores, term)
                    continue
                weights = self._merge(term, lo, hi)
            scores = {row: score + weights[row] for row, score in scores.items() if row in weights}
        # One integer per candidate (higher score first, then row order) keeps the top-k selection cheap.
        n = len(self._rows)
        best = heapq.nsmallest(limit, [row - score * n for row, score in scores.items()])
        return [self._rows[key % n] for key in best]

    def _range(self, term: str) -> tuple[int, int]:
        return bisect_left(self._vocab, term), bisect_left(self._vocab, term + _TOP)

    def _merge(self, term: str, lo: int, hi: int) -> dict[int, int]:
        """Row -> best weight of ``term`` among the words ``vocab[lo:hi]`` it is a prefix of."""
        merged: dict[int, int] = {}
        for i in range(lo, hi):
            bonus = _EXACT if self._vocab[i] == term else 0
            for row, weight in self._postings[i].items():
                weight += bonus
                if merged.get(row, 0) < weight:
                    merged[row] = weight
        return merged

    def _narrow_by_rows(self, scores: dict[int, int], term: str) -> dict[int, int]:
        narrowed: dict[int, int] = {}
        for row, score in scores.items():
            words = self._row_vocab[row]
            i = bisect_left(words, term)
            best = 0
            while i < len(words) and words[i].startswith(term):
                weight = self._row_weights[row][i] + (_EXACT if words[i] == term else 0)
                best = max(best, weight)
                i += 1
            if best:
                narrowed[row] = score + best
        return narrowed
