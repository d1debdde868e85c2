"""The acknowledgement mail (issue 9, item 11): queued with the request in one transaction, sent after commit by
the serve process to a real SMTP server (aiosmtpd on 127.0.0.1), retried while that server is down, once in all;
with no SMTP configured, one ``.eml`` file per mail that ``central mail list|show`` read."""

from __future__ import annotations

import datetime as dt
import random
import stat
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from central.acknowledgement import Acknowledger
from central.config import ConfigError, load_settings
from central.db import make_engine, make_session_factory, migrate
from central.kiosks import KioskIdentity, KioskRegistry
from central.mail_sender import CLAIM, MailSender
from central.mail_transport import FolderTransport, OutgoingMail, Transport, folder_mails
from central.models import Kiosk, Mail, Request
from central.ops import OpService
from sync.clock import utc_now
from sync.protocol import OpAnswer, SubmitOp
from tests.central.conftest import Central, InProcess, MailCentral, central
from tests.central.waiting import wait_until
from tests.central.wire import push, submit_op

CODE_LETTERS = "BCDFGHJKLMNPQRSTVWXZ"
EMAIL = "canary.mail@example.org"


def new_code() -> str:
    return "".join(random.choice(CODE_LETTERS) for _ in range(8))


def plain_submit(code: str, *, email: str = EMAIL) -> SubmitOp:
    """A submit with no file and no appointment: the mail is the subject here."""
    op = submit_op(code=code, appointment=None, documents=[])
    requester = op.body.requester.model_copy(update={"email": email})
    return op.model_copy(update={"body": op.body.model_copy(update={"requester": requester})})


def pushed(url: str, token: str, op: SubmitOp, expected: int = 201) -> str:
    response = push(url, token, op)
    assert response.status_code == expected, response.text
    return OpAnswer.model_validate_json(response.content).request.number


def mail_row(database_url: str, number: str) -> Mail | None:
    engine = create_engine(database_url)
    try:
        with sessionmaker(engine, expire_on_commit=False).begin() as session:
            return session.scalar(
                select(Mail).join(Request, Request.id == Mail.request_id).where(Request.number == number)
            )
    finally:
        engine.dispose()


def test_the_acknowledgement_arrives_once_with_number_code_and_link(mail_central: MailCentral) -> None:
    server, smtp, code = mail_central.server, mail_central.smtp, new_code()
    op = plain_submit(code)
    number = pushed(server.url, mail_central.token, op)
    mail = smtp.wait_for(number)
    link = f"{server.url}/suivi/{code}"
    assert mail["Subject"] == f"Accusé de réception de votre demande n° {number}"
    assert mail["From"] == "mairie@valmont.example"
    assert mail["To"] == EMAIL
    text = mail.get_body(preferencelist=("plain",))
    page = mail.get_body(preferencelist=("html",))
    assert text is not None
    assert page is not None
    for body in (text.get_content(), page.get_content()):
        assert number in body
        assert code in body
        assert link in body
    assert "accusé de réception" in mail["Subject"].lower()
    assert 'lang="fr"' in page.get_content()
    # A replay of the op, and the same request under a new op id (a kiosk restarted mid-push): no second mail.
    pushed(server.url, mail_central.token, op, expected=201)
    again = op.model_copy(update={"op_id": plain_submit(code).op_id})
    pushed(server.url, mail_central.token, again, expected=200)
    time.sleep(1.5)  # one more round of the sender (every second here)
    assert len(smtp.for_number(number)) == 1
    row = mail_row(mail_central.database_url, number)
    assert row is not None
    assert row.sent_at is not None
    assert row.attempts == 1
    assert (row.body_text, row.body_html) == ("", "")  # the code in clear left the database once sent
    log = server.log_text()
    assert '"mail_sent"' in log
    assert EMAIL not in log
    assert code not in log


def test_with_the_smtp_server_down_the_mail_waits_and_arrives_once_later(mail_central: MailCentral) -> None:
    server, smtp, code = mail_central.server, mail_central.smtp, new_code()
    smtp.stop()
    try:
        number = pushed(server.url, mail_central.token, plain_submit(code))

        def deferred_twice() -> bool:
            row = mail_row(mail_central.database_url, number)
            return row is not None and row.attempts >= 2 and row.sent_at is None

        wait_until(deferred_twice)
        row = mail_row(mail_central.database_url, number)
        assert row is not None
        assert row.last_error == "ConnectionRefusedError"
        assert not smtp.for_number(number)
    finally:
        smtp.start()
    smtp.wait_for(number)
    time.sleep(1.5)
    assert len(smtp.for_number(number)) == 1
    row = mail_row(mail_central.database_url, number)
    assert row is not None
    assert row.sent_at is not None
    assert row.attempts >= 3
    log = server.log_text()
    assert '"mail_deferred"' in log
    assert EMAIL not in log
    assert code not in log


def test_without_smtp_each_mail_is_a_private_file_that_mail_list_and_show_read(
    server: Central, central_env: dict[str, str], token: str, cli: InProcess
) -> None:
    code = new_code()
    number = pushed(server.url, token, plain_submit(code))
    folder = Path(central_env["CENTRAL_DATA_DIR"]) / "mail-outbox"

    def written() -> list[int]:
        return [i for i, path in folder_mails(folder) if number in path.read_text(errors="replace")]

    wait_until(written)
    (mail_id,) = written()
    path = folder / f"mail-{mail_id}.eml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not [p for p in folder.iterdir() if p.suffix == ".tmp"]

    listed = central(central_env, "mail", "list")
    assert listed.returncode == 0, listed.stderr
    (line,) = [row for row in listed.stdout.splitlines() if number in row]
    assert line.split()[0] == str(mail_id)
    assert EMAIL in line
    assert listed.stdout.splitlines()[0].split() == ["ID", "DATE", "TO", "SUBJECT"]

    shown = central(central_env, "mail", "show", str(mail_id))
    assert shown.returncode == 0, shown.stderr
    assert f"Subject: Accusé de réception de votre demande n° {number}" in shown.stdout
    assert f"Numéro de la demande : {number}" in shown.stdout
    assert f"Code de suivi : {code}" in shown.stdout
    assert f"{server.url}/suivi/{code}" in shown.stdout  # serve --port makes the link without public_url

    flushed = cli("mail", "send")
    assert flushed.returncode == 0, flushed.stderr
    assert flushed.stdout.startswith("0 mail(s) sent")
    assert flushed.stdout.strip().endswith("0 waiting.")
    missing = cli("mail", "show", "999999")
    assert missing.returncode == 1
    assert "no mail 999999" in missing.stderr


def test_a_request_without_an_email_address_queues_no_mail(server: Central, token: str, database_url: str) -> None:
    number = pushed(server.url, token, plain_submit(new_code(), email=""))
    assert mail_row(database_url, number) is None  # a mail would have committed with the request


class _Crash(BaseException):
    """The sending process dying between taking the mail and recording the outcome."""


class _CrashingTransport:
    def deliver(self, mail: OutgoingMail) -> None:
        raise _Crash


def test_one_sender_at_a_time_and_a_crashed_sender_s_mail_goes_again_under_its_message_id(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        migrate(engine)
        sessions = make_session_factory(engine)
        kiosk_name = "borne-1"
        KioskRegistry(sessions).add(kiosk_name)
        with sessions.begin() as session:
            kiosk = KioskIdentity(id=session.scalar(select(Kiosk.id)) or 0, name=kiosk_name)
        acknowledger = Acknowledger(
            lambda code: f"http://mairie.example/suivi/{code}", "m@mairie.example", lambda: None
        )
        ops = OpService(sessions, ZoneInfo("Europe/Paris"), b"k" * 32, acknowledger=acknowledger)
        code = new_code()
        assert ops.apply(kiosk, plain_submit(code)).status == 201
        with sessions.begin() as session:
            (queued,) = session.scalars(select(Mail)).all()
            assert code in queued.body_text
            assert queued.sent_at is None
            message_id = queued.message_id
        start = utc_now() + dt.timedelta(seconds=1)

        def sender(transport: Transport, after: dt.timedelta) -> MailSender:
            return MailSender(sessions, transport, "m@mairie.example", 60, clock=lambda: start + after)

        with pytest.raises(_Crash):
            sender(_CrashingTransport(), dt.timedelta(0)).send_due()
        assert sender(FolderTransport(tmp_path / "b"), dt.timedelta(minutes=1)).send_due().sent == 0  # held
        later = CLAIM + dt.timedelta(seconds=1)
        assert sender(FolderTransport(tmp_path / "c"), later).send_due().sent == 1  # the claim expired
        assert sender(FolderTransport(tmp_path / "d"), later * 2).send_due().sent == 0  # sent: never again
        ((mail_id, path),) = folder_mails(tmp_path / "c")
        assert f"Message-ID: {message_id}" in path.read_text()
        with sessions.begin() as session:
            row = session.get_one(Mail, mail_id)
            assert row.sent_at is not None
            assert row.attempts == 2
            assert row.body_text == ""
    finally:
        engine.dispose()


def test_settings_of_the_mail_and_the_public_address(tmp_path: Path) -> None:
    config = tmp_path / "central.toml"
    config.write_text('public_url = "https://demarches.valmont.example/"\nsmtp_host = "smtp.valmont.example"\n')
    settings = load_settings(config, environ={"CENTRAL_SMTP_PASSWORD": "s3cret", "CENTRAL_SMTP_PORT": "465"})
    assert settings.tracking_page("BCDFGHJK") == "https://demarches.valmont.example/suivi/BCDFGHJK"
    assert (settings.smtp_port, settings.smtp_password, settings.smtp_security) == (465, "s3cret", "starttls")
    config.write_text('smtp_password = "in a file"\n')
    with pytest.raises(ConfigError, match="unknown key"):
        load_settings(config, environ={})
    for bad, message in (
        ('public_url = "ftp://x"', "public_url"),
        ('smtp_security = "tls"', "smtp_security"),
        ('mail_from = "nobody"', "mail_from"),
    ):
        config.write_text(bad + "\n")
        with pytest.raises(ConfigError, match=message):
            load_settings(config, environ={})
