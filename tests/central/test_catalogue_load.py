"""``central catalogue load DIR``: validated as ``central catalogue check`` validates, loaded whole or not at all,
and every revision of a procedure kept (a revision is never overwritten, an unchanged one is a no-op)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from central.models import ProcedureRevision
from sync.protocol import CatalogueProcedure
from tests.central.conftest import ROOT, Central, InProcess, central
from tests.central.pull import unique, up_to_date, write_catalogue


def live_revision(server: Central, token: str, slug: str) -> int | None:
    change = up_to_date(server.url, token, "catalogue").entities.get(f"procedure/{slug}")
    if change is None or change.deleted:
        return None
    assert isinstance(change.data, CatalogueProcedure)
    return change.data.procedure.revision


def test_the_demo_catalogue_loads_and_a_second_load_changes_nothing(
    server: Central, token: str, central_env: dict[str, str], cli: InProcess
) -> None:
    directory = ROOT / "resources" / "catalogue"
    first = central(central_env, "catalogue", "load", str(directory))
    assert first.returncode == 0, first.stderr
    replica = up_to_date(server.url, token, "catalogue")
    assert {"procedure/passeport", "procedure/acte-de-naissance", "domain/etat-civil"} <= replica.live()
    again = cli("catalogue", "load", str(directory))
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [
        "Published: none.",
        "0 domain(s) added or changed, 25 procedure(s) unchanged.",  # 24 and « Ma famille »
    ]
    assert replica.pull(server.url, token) == []  # an unchanged load writes no change


def test_a_catalogue_with_one_error_is_refused_whole(
    server: Central, token: str, cli: InProcess, tmp_path: Path
) -> None:
    domain, good, bad = unique("d"), unique("p"), unique("p")
    write_catalogue(tmp_path, domain, {good: (1, "Valide"), bad: (1, "Invalide")})
    broken = tmp_path / "procedures" / f"{bad}.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('type = "text"', 'type = "texte"'))
    replica = up_to_date(server.url, token, "catalogue")
    refused = cli("catalogue", "load", str(tmp_path))
    assert refused.returncode == 1
    assert f"{broken}: procedure {bad!r}: steps[0].fields[0].type: Input should be" in refused.stderr
    assert f"Nothing was loaded from {tmp_path}." in refused.stderr
    assert refused.stdout == ""
    # The same verdict as `central catalogue check`, and not a row of the valid procedure or the domain.
    assert cli("catalogue", "check", str(tmp_path)).returncode == 1
    assert replica.pull(server.url, token) == []
    assert cli("catalogue", "revisions", good).returncode == 1
    broken.write_text(broken.read_text(encoding="utf-8").replace('type = "texte"', 'type = "text"'))
    fixed = cli("catalogue", "load", str(tmp_path))
    assert fixed.returncode == 0, fixed.stderr
    assert {change.id for change in replica.pull(server.url, token)} == {
        f"domain/{domain}",
        f"procedure/{good}",
        f"procedure/{bad}",
    }


def test_every_revision_is_kept_and_none_is_overwritten(
    server: Central, token: str, cli: InProcess, tmp_path: Path, db: Engine
) -> None:
    domain, slug, other = unique("d"), unique("p"), unique("p")
    assert cli("catalogue", "load", str(write_catalogue(tmp_path, domain, {slug: (1, "Première")}))).returncode == 0
    second = cli("catalogue", "load", str(write_catalogue(tmp_path, domain, {slug: (2, "Deuxième")})))
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[0] == f"Published: {slug} (rev. 2)."
    assert cli("catalogue", "revisions", slug).stdout.strip() == "1 2"
    assert live_revision(server, token, slug) == 2

    replica = up_to_date(server.url, token, "catalogue")
    # Revision 2 again, with other content, beside a new procedure: refused, and the new one is not loaded.
    clash = cli(
        "catalogue", "load", str(write_catalogue(tmp_path, domain, {slug: (2, "Réécrite"), other: (1, "Nouvelle")}))
    )
    assert clash.returncode == 1
    assert (
        f"procedure {slug!r}: revision 2 is already loaded with other content; a change needs a new revision"
        in clash.stderr
    )
    older = cli("catalogue", "load", str(write_catalogue(tmp_path, domain, {slug: (1, "Autre première")})))
    assert older.returncode == 1
    assert f"procedure {slug!r}: revision 1 is already loaded with other content" in older.stderr
    assert replica.pull(server.url, token) == []
    assert cli("catalogue", "revisions", other).returncode == 1
    with db.connect() as connection:
        titles = connection.scalars(
            select(ProcedureRevision.content_json)
            .where(ProcedureRevision.slug == slug)
            .order_by(ProcedureRevision.revision)
        ).all()
    assert ["Première" in titles[0], "Deuxième" in titles[1]] == [True, True]

    # An older revision never seen is refused too: the live one stays the newest.
    assert cli("catalogue", "load", str(write_catalogue(tmp_path, domain, {other: (3, "Trois")}))).returncode == 0
    backwards = cli("catalogue", "load", str(write_catalogue(tmp_path, domain, {other: (2, "Deux")})))
    assert backwards.returncode == 1
    assert f"procedure {other!r}: revision 2 is older than the live revision 3" in backwards.stderr
    assert live_revision(server, token, other) == 3
