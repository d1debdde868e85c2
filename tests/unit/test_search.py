"""normalize() and SearchIndex: what a citizen types finds what they mean."""

from __future__ import annotations

import random

import pytest

from kiosk.models.dto import ProcedureSummary
from kiosk.services.search import DESCRIPTION, DOMAIN, KEYWORD, TITLE, SearchIndex, normalize
from tests.unit.catalogue_data import summary

CATALOGUE = [
    summary(
        "acte-naissance",
        "Demande d'acte de naissance",
        title_en="Birth certificate request",
        domain_title="État civil",
        domain_title_en="Civil status",
        keywords=("extrait", "copie intégrale"),
        description="Obtenir une copie de votre acte.",
        description_en="Get a copy of your record.",
    ),
    summary("mariage", "Dossier de mariage", domain_title="État civil", domain_title_en="Civil status"),
    summary(
        "creche",
        "Inscription en crèche",
        title_en="Nursery enrolment",
        domain_title="Enfance",
        description="Une place pour votre enfant.",
    ),
    summary(
        "listes-electorales",
        "Inscription sur les listes électorales",
        domain_title="Élections",
        keywords=("vote",),
    ),
    summary("cantine", "Cantine scolaire", domain_title="Enfance", description="Repas à la crèche et à l'école."),
    summary("passeport", "Passeport", domain_title="Titres", keywords=("voyage", "inscription")),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(CATALOGUE)


def slugs(index: SearchIndex, query: str, limit: int = 50) -> list[str]:
    return [row.slug for row in index.search(query, limit)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("État civil", "etat civil"),
        ("  CRÈCHE  ", "creche"),
        ("Œuvre", "oeuvre"),
        ("cæcum", "caecum"),
        ("L’acte—de naissance !", "l acte de naissance"),
        ("Saint-Étienne, 42", "saint etienne 42"),
        ("ﬁn", "fin"),
        ("Straße", "strasse"),
        ("under_score", "under score"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_domain_title_without_accents(index: SearchIndex) -> None:
    assert set(slugs(index, "etat civil")) == {"acte-naissance", "mariage"}


def test_accents_and_case_are_ignored(index: SearchIndex) -> None:
    assert slugs(index, "creche")[0] == "creche"
    assert slugs(index, "CRÈCHE") == slugs(index, "creche") == slugs(index, "Crèche")
    assert slugs(index, "ÉLECTORALE") == ["listes-electorales"]


def test_every_word_must_match(index: SearchIndex) -> None:
    assert slugs(index, "inscription creche") == ["creche"]
    assert slugs(index, "inscription electorales") == ["listes-electorales"]
    assert slugs(index, "inscription mariage") == []


def test_words_match_as_prefixes(index: SearchIndex) -> None:
    assert set(slugs(index, "insc")) == {"creche", "listes-electorales", "passeport"}
    assert slugs(index, "naiss") == ["acte-naissance"]
    assert slugs(index, "aissance") == []  # inside a word is not a prefix


def test_title_beats_keywords_beats_domain_beats_description(index: SearchIndex) -> None:
    # "inscription" is in two titles and in the passport's keywords.
    assert slugs(index, "inscription")[-1] == "passeport"
    # "creche": title of one, description of another.
    assert slugs(index, "creche") == ["creche", "cantine"]
    # "enfance" is a domain title, "enfant" a description word: the domain ranks first.
    assert slugs(index, "enfan") == ["cantine", "creche"]


def test_whole_word_beats_prefix() -> None:
    index = SearchIndex.build([summary("a", "Cartes grises"), summary("b", "Une carte d'identité")])
    assert slugs(index, "carte") == ["b", "a"]
    assert slugs(index, "cart") == ["a", "b"]  # both prefixes: French title order


def test_ties_follow_french_title_ignoring_accents() -> None:
    index = SearchIndex.build([summary("z", "Zone école"), summary("e", "École"), summary("a", "Aide école")])
    # Same score everywhere; a plain string sort would put "École" after "Zone".
    assert slugs(index, "ecole") == ["a", "e", "z"]
    assert slugs(index, "ec") == ["a", "e", "z"]


def test_english_text_is_searched(index: SearchIndex) -> None:
    assert slugs(index, "birth") == ["acte-naissance"]
    assert slugs(index, "civil status") == ["acte-naissance", "mariage"]
    assert slugs(index, "nursery") == ["creche"]


def test_keywords_are_searched(index: SearchIndex) -> None:
    assert slugs(index, "copie integrale") == ["acte-naissance"]
    assert slugs(index, "voyage") == ["passeport"]


def test_blank_query_and_empty_index() -> None:
    index = SearchIndex.build(CATALOGUE)
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search("'!?") == []
    assert SearchIndex.empty().search("creche") == []
    assert len(SearchIndex.empty()) == 0


def test_limit(index: SearchIndex) -> None:
    assert len(index.search("e", limit=2)) == 2
    assert index.search("e", limit=0) == []


def test_punctuation_in_query(index: SearchIndex) -> None:
    assert slugs(index, "d'acte") == ["acte-naissance"]


def test_many_rows_still_rank_correctly() -> None:
    # Enough rows for the short prefixes to be precomputed at build time.
    rows = [summary(f"p{i:04}", f"Démarche {i:04}", description="de la demande") for i in range(3000)]
    rows.append(summary("target", "Demande de logement"))
    index = SearchIndex.build(rows)
    assert slugs(index, "d", limit=1) == ["target"]  # the whole-word "de" in its title outranks "demarche"
    assert slugs(index, "de lo") == ["target"]
    assert slugs(index, "logement dem") == ["target"]
    assert len(index.search("d", limit=5000)) == 3001


def _reference(rows: list[ProcedureSummary], query: str) -> list[str]:
    """The ranking spelled out naively, to check the index's shortcuts against."""
    terms = set(normalize(query).split())
    scored = []
    for row in rows:
        fields = [
            (TITLE, [row.title.fr, row.title.en or ""]),
            (KEYWORD, list(row.keywords)),
            (DOMAIN, [row.domain_title.fr, row.domain_title.en or ""]),
            (DESCRIPTION, [row.description.fr, row.description.en or ""]),
        ]
        words = [(weight, word) for weight, texts in fields for text in texts for word in normalize(text).split()]
        total = 0
        for term in terms:
            best = max((w + (word == term) for w, word in words if word.startswith(term)), default=0)
            if not best:
                break
            total += best
        else:
            scored.append((-total, normalize(row.title.fr), row.title.fr, row.slug))
    return [slug for *_, slug in sorted(scored)]


def test_index_agrees_with_the_naive_ranking() -> None:
    rng = random.Random(7)
    vocabulary = [
        "de",
        "demande",
        "démarche",
        "dépôt",
        "carte",
        "cartes",
        "crèche",
        "école",
        "écoles",
        "la",
        "logement",
    ]

    def text(n: int) -> str:
        return " ".join(rng.choice(vocabulary) for _ in range(n))

    rows = [
        summary(
            f"p{i}",
            text(3),
            title_en=text(2),
            domain_title=text(1),
            description=text(6),
            keywords=(text(1),),
        )
        for i in range(2500)
    ]
    # A rare word narrows the candidates so much that common words are checked row by row instead.
    rows += [summary(f"rare{i}", text(2), description=f"xylophone {text(4)}") for i in range(30)]
    index = SearchIndex.build(rows)
    queries = ["d", "de", "dem", "demande", "c", "ca", "cart", "ecole", "e", "l", "la", "lo", "xyz"]
    queries += [" ".join(rng.sample(queries, rng.randint(2, 3))) for _ in range(30)]
    queries += ["xylo dem", "xylophone cart ecoles", "xyl demarche de", "x car"]
    for query in queries:
        assert slugs(index, query, limit=10_000) == _reference(rows, query), query
