"""Files by content hash over real HTTP: PUT is idempotent and checks size, type and hash; HEAD says whether
central holds a file; a submit naming a file central lacks is retryable (409) and links it once uploaded;
``central blobs prune`` removes what no request references."""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import requests
from sqlalchemy import Engine, select

from central.blobs import BLOBS_FOLDER
from central.models import Request, RequestDocument
from sync.protocol import MAX_DOCUMENT_BYTES, BlobStored, DocumentRef, OpAnswer
from tests.central.conftest import Central, InProcess, central
from tests.central.test_api import error_of
from tests.central.waiting import wait_until
from tests.central.wire import PASSPORT_PNG, PASSPORT_SHA256, TIMEOUT, push, put_blob, submit_op

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"


def unique_pdf() -> bytes:
    return PDF + f"% {uuid.uuid4()}\n".encode()


def blobs_folder(server: Central) -> Path:
    return Path(server.env["CENTRAL_DATA_DIR"]) / BLOBS_FOLDER


def head(server: Central, token: str | None, sha256: str) -> requests.Response:
    auth = {} if token is None else {"Authorization": f"Bearer {token}"}
    return requests.head(f"{server.url}/v1/blobs/{sha256}", headers=auth, timeout=TIMEOUT)


def test_a_put_stores_the_file_once_named_by_its_hash_and_0600(server: Central, token: str) -> None:
    content = unique_pdf()
    sha256 = hashlib.sha256(content).hexdigest()
    assert head(server, token, sha256).status_code == 404
    first = put_blob(server.url, token, content, "application/pdf")
    assert first.status_code == 201, first.text
    assert BlobStored.model_validate_json(first.content) == BlobStored(
        sha256=sha256, size=len(content), media_type="application/pdf"
    )
    again = put_blob(server.url, token, content, "application/pdf")
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    held = head(server, token, sha256)
    assert held.status_code == 200
    assert held.headers["X-Blob-Size"] == str(len(content))
    stored = blobs_folder(server) / sha256
    assert stored.read_bytes() == content
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    for kind, body in (("image/jpeg", JPEG), ("image/png", PASSPORT_PNG)):
        assert put_blob(server.url, token, body, kind).status_code in {200, 201}


def test_a_file_is_refused_for_its_hash_its_type_or_its_token(server: Central, token: str) -> None:
    content = unique_pdf()
    sha256 = hashlib.sha256(content).hexdigest()
    wrong_hash = put_blob(server.url, token, content, "application/pdf", sha256="0" * 64)
    assert wrong_hash.status_code == 422
    assert error_of(wrong_hash).error == "hash_mismatch"
    announced_png = put_blob(server.url, token, content, "image/png")
    assert announced_png.status_code == 415
    assert error_of(announced_png).error == "media_type_mismatch"
    gif = b"GIF89a" + os.urandom(32)
    assert error_of(put_blob(server.url, token, gif, "image/png")).error == "media_type_mismatch"
    assert error_of(put_blob(server.url, token, b"<svg/>", "image/svg+xml")).error == "unsupported_media_type"
    assert put_blob(server.url, None, content, "application/pdf").status_code == 401
    bad_name = put_blob(server.url, token, content, "application/pdf", sha256=sha256.upper())
    assert bad_name.status_code == 422
    assert error_of(bad_name).error == "invalid_body"
    assert head(server, token, sha256).status_code == 404
    assert head(server, None, sha256).status_code == 401
    leftovers = [p.name for p in blobs_folder(server).iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_a_file_over_the_cap_is_refused_unread_or_as_it_streams(server: Central, token: str) -> None:
    # Announced far over the cap: refused before a byte of body is sent.
    address = urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(
            (
                f"PUT /v1/blobs/{'1' * 64} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: application/pdf\r\nContent-Length: {100 * MAX_DOCUMENT_BYTES}\r\n\r\n"
            ).encode()
        )
        received = b""
        while not received.endswith(b"}") and (chunk := connection.recv(65536)):
            received += chunk
        answer = received.decode("latin-1")
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert '"body_too_large"' in answer

    # Chunked, no length announced: counted as it comes, refused at the first byte over the cap.
    def chunks() -> Iterator[bytes]:
        yield b"%PDF-1.7\n"
        for _ in range(MAX_DOCUMENT_BYTES // 1_000_000 + 1):
            yield b"\0" * 1_000_000

    try:
        response = requests.put(
            f"{server.url}/v1/blobs/{'2' * 64}",
            data=chunks(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/pdf"},
            timeout=TIMEOUT,
        )
    except requests.ConnectionError:  # central answered and closed while the client was still sending
        pass
    else:
        assert response.status_code == 413
        assert error_of(response).error == "body_too_large"
    assert head(server, token, "2" * 64).status_code == 404
    assert [p.name for p in blobs_folder(server).iterdir() if p.name.startswith(".")] == []


def test_a_submit_waits_for_its_files_then_links_them(server: Central, token: str, db: Engine) -> None:
    content = unique_pdf()
    document = DocumentRef(
        field_id="justificatif",
        position=1,
        filename="facture.pdf",
        media_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    op = submit_op(documents=[document])
    early = push(server.url, token, op)
    assert early.status_code == 409, early.text  # retried by the kiosk, never a dead letter
    assert error_of(early).error == "blob_missing"
    assert document.sha256 in str(error_of(early).detail)
    assert "Retry-After" in early.headers
    liar = submit_op(documents=[document.model_copy(update={"size": len(content) + 1})])
    assert put_blob(server.url, token, content, "application/pdf").status_code == 201
    mismatch = push(server.url, token, liar)
    assert mismatch.status_code == 422
    assert error_of(mismatch).error == "document_mismatch"
    twice = submit_op(documents=[document, document])
    assert error_of(push(server.url, token, twice)).error == "duplicate_document"
    applied = push(server.url, token, op)  # the same op, once the file is there
    assert applied.status_code == 201, applied.text
    number = OpAnswer.model_validate_json(applied.content).request.number
    with db.connect() as connection:
        linked = connection.execute(
            select(RequestDocument.field_id, RequestDocument.sha256)
            .join(Request, Request.id == RequestDocument.request_id)
            .where(Request.number == number)
        ).all()
    assert linked == [("justificatif", document.sha256)]


def test_blobs_prune_deletes_only_unreferenced_old_files(server: Central, token: str, cli: InProcess) -> None:
    assert push(server.url, token, submit_op()).status_code == 201  # the passport is referenced
    orphan = unique_pdf()
    orphan_sha = hashlib.sha256(orphan).hexdigest()
    assert put_blob(server.url, token, orphan, "application/pdf").status_code == 201
    (blobs_folder(server) / ".upload-crashed").write_bytes(b"half a file")
    kept = central(server.env, "blobs", "prune")  # as typed: the default horizon keeps a fresh upload
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.startswith("0 file(s) no request references"), kept.stdout
    assert head(server, token, orphan_sha).status_code == 200
    pruned = cli("blobs", "prune", "--older-than", "0")
    assert pruned.returncode == 0, pruned.stderr
    assert head(server, token, orphan_sha).status_code == 404
    assert not (blobs_folder(server) / orphan_sha).exists()
    assert not (blobs_folder(server) / ".upload-crashed").exists()
    assert head(server, token, PASSPORT_SHA256).status_code == 200
    assert (blobs_folder(server) / PASSPORT_SHA256).exists()
    assert cli("blobs", "prune", "--older-than", "-1").returncode == 1


def test_an_interrupted_upload_leaves_nothing_behind(server: Central, token: str) -> None:
    address = urlsplit(server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        connection.sendall(
            (
                f"PUT /v1/blobs/{'3' * 64} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                "Content-Type: application/pdf\r\nContent-Length: 100000\r\n\r\n%PDF-1.7\n"
            ).encode()
        )
    wait_until(
        lambda: not [p for p in blobs_folder(server).iterdir() if p.name.startswith(".")], 5, "no partial upload left"
    )
    assert head(server, token, "3" * 64).status_code == 404
    assert "unhandled_error" not in server.log_text()


def test_head_answers_only_statuses_its_openapi_document_lists(server: Central, token: str) -> None:
    document = requests.get(f"{server.url}/v1/openapi.json", timeout=TIMEOUT).json()
    documented = set(document["paths"]["/v1/blobs/{sha256}"]["head"]["responses"])
    answered = {
        head(server, token, "4" * 64).status_code,  # 404: not held
        head(server, None, "4" * 64).status_code,  # 401: no device token
        head(server, token, "not-a-hash").status_code,  # 422
    }
    assert answered == {404, 401, 422}
    assert {str(status) for status in answered} <= documented
