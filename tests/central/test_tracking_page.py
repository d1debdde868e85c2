"""The public follow-up page (issue 9, item 11): ``GET /suivi/{code}`` and ``GET /suivi?code=`` on a real central,
plain French HTML with nothing personal, strict headers, found by the code's digest, rate-limited per client
address and per code (the client address comes from X-Forwarded-For, which uvicorn trusts from 127.0.0.1 as from
a reverse proxy on the same machine)."""

from __future__ import annotations

import re
import uuid
from html.parser import HTMLParser

import requests

from central.tracking_page import normalize_code
from tests.central.conftest import Central, InProcess
from tests.central.test_mail import new_code, plain_submit, pushed
from tests.central.wire import ANSWER, LAST_NAME, TIMEOUT

PERSONAL = (LAST_NAME, ANSWER, "Zoé", "canary.mail", "Lilas", "0612345678")


class Outline(HTMLParser):
    """What a check of the page needs: its language, its headings, its external references, its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.h1 = 0
        self.scripts = 0
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang") or ""
        self.h1 += tag == "h1"
        self.scripts += tag == "script"
        for name in ("src", "href"):
            if found.get(name):
                self.references.append(found[name] or "")


def outline(text: str) -> Outline:
    parsed = Outline()
    parsed.feed(text)
    return parsed


def get(server: Central, path: str, client: str | None = None) -> requests.Response:
    headers = {"X-Forwarded-For": client or f"198.51.100.{uuid.uuid4().int % 250 + 1}"}
    return requests.get(f"{server.url}{path}", headers=headers, timeout=TIMEOUT, allow_redirects=False)


def check_headers(response: requests.Response) -> None:
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    policy = response.headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'; style-src 'sha256-")
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_the_page_of_a_code_shows_status_number_procedure_and_history_and_nothing_personal(
    server: Central, token: str, cli: InProcess
) -> None:
    code = new_code()
    number = pushed(server.url, token, plain_submit(code))
    assert (
        cli("request", "status", number, "in_progress", "--comment", "Pièce manquante pour Canaryname").returncode == 0
    )
    assert cli("request", "message", number, f"Bonjour madame {LAST_NAME}").returncode == 0
    response = get(server, f"/suivi/{code}")
    assert response.status_code == 200
    check_headers(response)
    page = response.text
    parsed = outline(page)
    assert (parsed.lang, parsed.h1, parsed.scripts) == ("fr", 1, 0)
    assert all(ref.startswith(("/", "data:")) for ref in parsed.references)
    assert f"<dt>Numéro</dt><dd>{number}</dd>" in page
    assert "<dt>État</dt><dd>En cours de traitement</dd>" in page
    assert "<dt>Démarche</dt><dd>acte-naissance</dd>" in page  # no such revision on central: the slug
    history = re.findall(r"<tr><td>(\d\d/\d\d/\d{4} à \d\d:\d\d)</td><td>([^<]+)</td></tr>", page)
    assert [text for _when, text in history] == [
        "Demande reçue par la mairie",
        "Demande en cours de traitement",
        "Message de la mairie",
    ]
    for personal in PERSONAL:
        assert personal not in page
    # Typed in the form, in small letters with a space: the same request.
    typed = get(server, f"/suivi?code={code[:4].lower()}+{code[4:].lower()}")
    assert typed.status_code == 200
    assert f"<dd>{number}</dd>" in typed.text


def test_a_wrong_code_answers_aucune_demande_with_404_and_the_form(server: Central) -> None:
    for path in ("/suivi/BCDFBCDF", "/suivi?code=AEIOUAEI", "/suivi/%3Cscript%3E"):
        response = get(server, path)
        assert response.status_code == 404, path
        check_headers(response)
        assert "Aucune demande ne correspond à ce code de suivi" in response.text
        assert '<form method="get" action="/suivi">' in response.text
        assert "<script>" not in response.text  # what was typed comes back escaped
    form = get(server, "/suivi")
    assert form.status_code == 200
    check_headers(form)
    parsed = outline(form.text)
    assert (parsed.lang, parsed.h1) == ("fr", 1)
    assert '<label for="code">' in form.text


def test_too_many_lookups_from_one_client_or_of_one_code_get_429(server: Central) -> None:
    client = "203.0.113.9"
    answers = [get(server, f"/suivi/{new_code()}", client).status_code for _ in range(31)]
    assert answers[:30] == [404] * 30
    assert answers[30] == 429
    refused = get(server, "/suivi/BCDFGHJK", client)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "60"
    assert "Trop de consultations" in refused.text
    check_headers(refused)
    # One code looked up from many addresses (a guesser spreading out): limited too.
    code = new_code()
    answers = [get(server, f"/suivi/{code}").status_code for _ in range(21)]
    assert answers[:20] == [404] * 20
    assert answers[20] == 429


def test_codes_are_read_as_printed() -> None:
    assert normalize_code("bcdf ghjk") == "BCDFGHJK"
    assert normalize_code("BCDF-GHJK") == "BCDFGHJK"
    assert normalize_code("BCDFGHJA") is None  # a vowel is never in a code
    assert normalize_code("BCDFGHJ") is None
