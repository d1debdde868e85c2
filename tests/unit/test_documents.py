"""Documents, without Qt: what is accepted, what is refused and why, and that nothing of a file's metadata or
of the world outside the allowed folders gets through; the DocumentService the views await. Every file is made
here, in tmp_path."""

from __future__ import annotations

import asyncio
import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, RectangleObject, TextStringObject

from kiosk.services.documents import (
    MAX_FILE_BYTES,
    PDF,
    PNG,
    REFUSAL_CODES,
    AcceptedDocument,
    DocumentService,
    OutsideFoldersError,
    Refusal,
    content,
    inspect_file,
    list_folder,
    page_count,
    render_pages,
    rendering,
)
from kiosk.services.executors import FileWorker

# ----------------------------------------------------------------------------------------- file makers


def jpeg_bytes(size: tuple[int, int] = (40, 20), exif: Image.Exif | None = None, noisy: bool = False) -> bytes:
    image = Image.new("RGB", size, "white")
    # The left half red, the right half blue: after a 90° turn, red is on top.
    image.paste((220, 0, 0), (0, 0, size[0] // 2, size[1]))
    image.paste((0, 0, 220), (size[0] // 2, 0, size[0], size[1]))
    if noisy:
        image = Image.effect_noise(size, 80).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (30, 30), text: dict[str, str] | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 255)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def pdf_writer(pages: int = 2) -> PdfWriter:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    return writer


def pdf_bytes(writer: PdfWriter | None = None) -> bytes:
    out = io.BytesIO()
    (writer or pdf_writer()).write(out)
    return out.getvalue()


def js_action(code: str = "app.alert('canary')") -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Action"),
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject(code),
        }
    )


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` × ``height`` pixels (1 bit grey) but carries one tiny compressed row."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "cle-usb"
    folder.mkdir()
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "ailleurs"
    folder.mkdir()
    return folder


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def accepted(path: Path, roots: list[Path]) -> AcceptedDocument:
    result = inspect_file(path, roots)
    assert isinstance(result, AcceptedDocument), result
    return result


def refused(path: Path, roots: list[Path]) -> str:
    result = inspect_file(path, roots)
    assert isinstance(result, Refusal), f"{path.name} was accepted"
    assert result.code in REFUSAL_CODES
    assert result.filename == path.name
    return result.code


# ----------------------------------------------------------------------------------------- accepted


def test_a_jpeg_is_reencoded_upright_without_exif_or_gps(root: Path) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # to be shown turned 90° clockwise
    exif[ExifTags.Base.Make] = "CanaryCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (48.0, 51.0, 24.0)
    original = jpeg_bytes(exif=exif)
    assert b"Exif" in original
    assert b"CanaryCam" in original
    doc = accepted(write(root, "carte.jpg", original), [root])

    assert doc.media_type == "image/jpeg"
    assert doc.filename == "carte.jpg"
    assert doc.page_count == 1
    assert doc.size == len(doc.content)
    assert b"Exif" not in doc.content
    assert b"CanaryCam" not in doc.content
    with Image.open(io.BytesIO(doc.content)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
        assert image.size == (20, 40)  # the orientation was applied to the pixels
        top = image.getpixel((10, 5))
        bottom = image.getpixel((10, 35))
    assert isinstance(top, tuple)
    assert isinstance(bottom, tuple)
    assert top[0] > 150, "red should be on top after the turn"
    assert top[2] < 80
    assert bottom[2] > 150
    assert bottom[0] < 80


def test_a_png_loses_its_text_chunks(root: Path) -> None:
    original = png_bytes(text={"Comment": "canary-7f3a", "Author": "Jeanne Canari"})
    assert b"canary-7f3a" in original
    doc = accepted(write(root, "justificatif.png", original), [root])
    assert doc.media_type == PNG
    assert b"canary-7f3a" not in doc.content
    assert b"Canari" not in doc.content
    assert b"tEXt" not in doc.content
    assert b"iTXt" not in doc.content
    assert b"zTXt" not in doc.content
    with Image.open(io.BytesIO(doc.content)) as image:
        assert image.size == (30, 30)
        assert not image.text  # type: ignore[attr-defined]


def test_the_thumbnail_is_a_small_png(root: Path) -> None:
    doc = accepted(write(root, "grande.png", png_bytes(size=(1000, 500))), [root])
    with Image.open(io.BytesIO(doc.thumbnail_png)) as thumb:
        assert thumb.format == "PNG"
        assert max(thumb.size) <= 320
        assert thumb.size == (320, 160)


def test_a_pdf_is_kept_as_it_is_with_its_page_count_and_a_thumbnail(root: Path) -> None:
    original = pdf_bytes(pdf_writer(pages=3))
    doc = accepted(write(root, "facture.pdf", original), [root])
    assert doc.media_type == PDF
    assert doc.content == original
    assert doc.page_count == 3
    with Image.open(io.BytesIO(doc.thumbnail_png)) as thumb:
        assert thumb.format == "PNG"
        assert max(thumb.size) <= 320
        assert thumb.size[1] > thumb.size[0]  # A4 portrait


def test_a_pdf_opening_on_a_page_is_not_a_script(root: Path) -> None:
    writer = pdf_writer()
    writer.add_uri(0, "https://www.service-public.fr", RectangleObject([50, 50, 200, 80]))
    first_page = writer.pages[0].indirect_reference
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([first_page, NameObject("/Fit")])
    accepted(write(root, "avec-lien.pdf", pdf_bytes(writer)), [root])


def test_the_type_comes_from_the_content_not_the_name(root: Path) -> None:
    assert accepted(write(root, "scan", png_bytes()), [root]).media_type == PNG
    assert accepted(write(root, "scan.2024", pdf_bytes()), [root]).media_type == PDF
    assert accepted(write(root, "PHOTO.JPG", jpeg_bytes()), [root]).media_type == "image/jpeg"


def test_render_pages_gives_one_png_per_page(root: Path) -> None:
    doc = accepted(write(root, "trois.pdf", pdf_bytes(pdf_writer(pages=3))), [root])
    pages = render_pages(doc.content, doc.media_type, 600)
    assert len(pages) == 3
    with Image.open(io.BytesIO(pages[0])) as page:
        assert page.format == "PNG"
        assert page.width == 600
    assert len(render_pages(doc.content, doc.media_type, 600, max_pages=2)) == 2
    assert len(render_pages(doc.content, doc.media_type, 600, max_pages=5, first=2)) == 1
    image = accepted(write(root, "photo.png", png_bytes(size=(100, 50))), [root])
    [only] = render_pages(image.content, image.media_type, 400)
    with Image.open(io.BytesIO(only)) as page:
        assert page.size == (400, 200)


# ----------------------------------------------------------------------------------------- refused


def test_a_png_named_pdf_is_a_mismatch(root: Path) -> None:
    result = inspect_file(write(root, "releve.pdf", png_bytes()), [root])
    assert result == Refusal("extension_mismatch", "releve.pdf", PNG)


def test_a_pdf_named_jpg_is_a_mismatch(root: Path) -> None:
    assert refused(write(root, "photo.jpg", pdf_bytes()), [root]) == "extension_mismatch"


def test_text_named_jpg_is_an_unsupported_type(root: Path) -> None:
    assert refused(write(root, "photo.jpg", b"Bonjour, ceci n'est pas une image.\n"), [root]) == "unsupported_type"


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"PK\x03\x04" + b"\x00" * 40,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"<html><body>%PDF-1.4</body></html>",
    ],
    ids=["gif", "zip", "svg", "html"],
)
def test_other_types_are_unsupported(root: Path, data: bytes) -> None:
    assert refused(write(root, "document", data), [root]) == "unsupported_type"


def test_a_file_over_10_mb_is_too_large(root: Path) -> None:
    path = root / "gros.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(MAX_FILE_BYTES + 1)
    assert refused(path, [root]) == "too_large"


def test_a_file_of_exactly_10_mb_is_not_too_large(root: Path) -> None:
    path = root / "juste.png"
    path.write_bytes(png_bytes() + b"\x00" * (MAX_FILE_BYTES - len(png_bytes())))
    assert path.stat().st_size == MAX_FILE_BYTES
    assert isinstance(inspect_file(path, [root]), AcceptedDocument)


def test_an_empty_file(root: Path) -> None:
    assert refused(write(root, "vide.pdf", b""), [root]) == "empty"


def test_a_missing_file_or_a_folder_is_unreadable(root: Path) -> None:
    assert refused(root / "absent.pdf", [root]) == "unreadable"
    (root / "dossier.pdf").mkdir()
    assert refused(root / "dossier.pdf", [root]) == "unreadable"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_unreadable_and_does_not_block(root: Path) -> None:
    os.mkfifo(root / "tube.pdf")
    assert refused(root / "tube.pdf", [root]) == "unreadable"


def test_a_decompression_bomb_is_refused_without_decoding(root: Path) -> None:
    bomb = png_header_only(30_000, 30_000)  # 900 Mpx declared in 100 bytes
    assert len(bomb) < 200
    assert refused(write(root, "bombe.png", bomb), [root]) == "image_bomb"


def test_an_image_just_over_the_pixel_bound_is_a_bomb(root: Path) -> None:
    assert refused(write(root, "large.png", png_header_only(8_000, 6_000)), [root]) == "image_bomb"  # 48 Mpx


def test_a_jpeg_declaring_a_huge_frame_is_a_bomb(root: Path) -> None:
    data = bytearray(jpeg_bytes())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 30_000, 30_000)
    assert refused(write(root, "bombe.jpg", bytes(data)), [root]) == "image_bomb"


@pytest.mark.parametrize(("width", "height"), [(30_000, 30_000), (8_000, 6_000)])
def test_pillows_own_bound_stands_behind_the_header_check(
    monkeypatch: pytest.MonkeyPatch, width: int, height: int
) -> None:
    monkeypatch.setattr(rendering, "_declared_size", lambda _data, _type: None)
    # In this process, as the child runs it (a patch here does not reach the child).
    assert content.inspect_content("bombe.png", png_header_only(width, height), PNG) == Refusal(
        "image_bomb", "bombe.png"
    )


def test_a_truncated_jpeg_is_corrupt(root: Path) -> None:
    whole = jpeg_bytes(size=(300, 300), noisy=True)
    assert refused(write(root, "coupee.jpg", whole[: len(whole) // 2]), [root]) == "image_corrupt"


def test_a_png_with_a_broken_body_is_corrupt(root: Path) -> None:
    broken = png_header_only(64, 64)  # one row of data for 64 rows
    assert refused(write(root, "cassee.png", broken), [root]) == "image_corrupt"


def test_an_encrypted_pdf(root: Path) -> None:
    writer = pdf_writer()
    writer.encrypt("secret", algorithm="RC4-128")
    assert refused(write(root, "protege.pdf", pdf_bytes(writer)), [root]) == "pdf_encrypted"


def test_a_pdf_with_an_open_action_script(root: Path) -> None:
    writer = pdf_writer()
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(js_action())
    assert refused(write(root, "ouverture.pdf", pdf_bytes(writer)), [root]) == "pdf_scripted"


def test_a_pdf_with_a_javascript_names_entry(root: Path) -> None:
    writer = pdf_writer()
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("bonjour"), writer._add_object(js_action())])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): writer._add_object(tree)})
    assert refused(write(root, "noms.pdf", pdf_bytes(writer)), [root]) == "pdf_scripted"


def test_a_pdf_with_an_embedded_file(root: Path) -> None:
    writer = pdf_writer()
    writer.add_attachment("virus.exe", b"MZ" + b"\x00" * 64)
    assert refused(write(root, "piece-jointe.pdf", pdf_bytes(writer)), [root]) == "pdf_scripted"


def test_a_pdf_with_a_page_action(root: Path) -> None:
    writer = pdf_writer()
    writer.pages[1][NameObject("/AA")] = DictionaryObject({NameObject("/O"): js_action()})
    assert refused(write(root, "page.pdf", pdf_bytes(writer)), [root]) == "pdf_scripted"


def test_a_pdf_with_a_launch_link(root: Path) -> None:
    writer = pdf_writer()
    launch = DictionaryObject({NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("/bin/sh")})
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(50), NumberObject(50)]),
            NameObject("/A"): writer._add_object(launch),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    assert refused(write(root, "lien.pdf", pdf_bytes(writer)), [root]) == "pdf_scripted"


def test_a_script_hidden_behind_an_indirect_action_type(root: Path) -> None:
    writer = pdf_writer()
    action = DictionaryObject(
        {NameObject("/S"): writer._add_object(NameObject("/Launch")), NameObject("/F"): TextStringObject("x")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    assert refused(write(root, "cache.pdf", pdf_bytes(writer)), [root]) == "pdf_scripted"


def test_garbage_after_the_pdf_header_is_corrupt(root: Path) -> None:
    garbage = b"%PDF-1.7\n" + bytes(range(256)) * 40
    assert refused(write(root, "abime.pdf", garbage), [root]) == "pdf_corrupt"


def test_a_pdf_of_more_than_30_pages(root: Path) -> None:
    assert refused(write(root, "long.pdf", pdf_bytes(pdf_writer(pages=31))), [root]) == "pdf_too_many_pages"
    accepted(write(root, "trente.pdf", pdf_bytes(pdf_writer(pages=30))), [root])


def test_a_symlink_out_of_the_folders_is_refused(root: Path, outside: Path) -> None:
    secret = write(outside, "secret.png", png_bytes())
    (root / "lien.png").symlink_to(secret)
    assert refused(root / "lien.png", [root]) == "outside_folders"
    (root / "dossier-lien").symlink_to(outside, target_is_directory=True)
    assert refused(root / "dossier-lien" / "secret.png", [root]) == "outside_folders"


def test_a_dotdot_escape_is_refused(root: Path, outside: Path) -> None:
    write(outside, "secret.png", png_bytes())
    (root / "sous").mkdir()
    assert refused(root / "sous" / ".." / ".." / "ailleurs" / "secret.png", [root]) == "outside_folders"
    assert refused(outside / "secret.png", [root]) == "outside_folders"
    assert refused(outside / "absent.png", [root]) == "outside_folders"


def test_a_symlink_that_stays_inside_is_fine(root: Path) -> None:
    target = write(root, "vrai.png", png_bytes())
    (root / "raccourci.png").symlink_to(target)
    assert accepted(root / "raccourci.png", [root]).filename == "raccourci.png"


def test_no_root_means_nothing_is_allowed(root: Path) -> None:
    assert refused(write(root, "photo.png", png_bytes()), []) == "outside_folders"


# ----------------------------------------------------------------------------------------- folders


def test_list_folder_shows_folders_first_hides_dotfiles_and_the_outside(root: Path, outside: Path) -> None:
    write(outside, "secret.png", png_bytes())
    (outside / "sous-secret").mkdir()
    (root / "Scans").mkdir()
    (root / "archives").mkdir()
    write(root, "b-facture.pdf", pdf_bytes())
    write(root, "A-photo.png", png_bytes())
    write(root, ".cache.png", png_bytes())
    (root / ".Trash-1000").mkdir()
    (root / "System Volume Information").mkdir()
    (root / "lien-secret.png").symlink_to(outside / "secret.png")
    (root / "lien-dossier").symlink_to(outside, target_is_directory=True)
    (root / "interne.png").symlink_to(root / "A-photo.png")

    listing = list_folder([root], root)
    assert [e.name for e in listing.folders] == ["archives", "Scans"]
    assert [e.name for e in listing.files] == ["A-photo.png", "b-facture.pdf", "interne.png"]
    assert all(e.is_folder for e in listing.folders)
    assert listing.files[0].size == len(png_bytes())
    assert listing.crumbs == ("cle-usb",)
    assert not listing.can_go_up  # the only root: nothing above


def test_list_folder_refuses_the_outside(root: Path, outside: Path) -> None:
    with pytest.raises(OutsideFoldersError):
        list_folder([root], outside)
    with pytest.raises(OutsideFoldersError):
        list_folder([root], root / ".." / "ailleurs")
    (root / "lien-dossier").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutsideFoldersError):
        list_folder([root], root / "lien-dossier")


def test_list_folder_navigates_with_crumbs_relative_to_the_root(root: Path) -> None:
    deep = root / "Scans" / "2024"
    deep.mkdir(parents=True)
    write(deep, "avis.pdf", pdf_bytes())
    listing = list_folder([root], deep)
    assert listing.crumbs == ("cle-usb", "Scans", "2024")
    assert listing.can_go_up
    assert listing.parent == (root / "Scans").resolve()
    assert [e.name for e in listing.files] == ["avis.pdf"]
    assert str(root) not in " ".join(listing.crumbs)


def test_the_top_lists_the_roots_that_hold_something(tmp_path: Path) -> None:
    demo = tmp_path / "documents"
    usb = tmp_path / "media"
    empty = tmp_path / "vide"
    for folder in (demo, usb, empty):
        folder.mkdir()
    write(demo, "exemple.png", png_bytes())
    (usb / "CLE").mkdir()
    top = list_folder([demo, usb, empty, tmp_path / "absent"], None)
    assert top.folder is None
    assert [e.name for e in top.folders] == ["documents", "media"]
    assert not top.files
    assert not top.can_go_up
    assert not top.nothing_available
    inside = list_folder([demo, usb, empty], demo)
    assert inside.can_go_up
    assert inside.parent is None


def test_with_one_root_the_top_is_that_root(root: Path) -> None:
    write(root, "photo.png", png_bytes())
    top = list_folder([root], None)
    assert top.folder == root.resolve()
    assert [e.name for e in top.files] == ["photo.png"]
    assert not top.can_go_up


def test_nothing_available_when_no_key_is_plugged(tmp_path: Path) -> None:
    (tmp_path / "media").mkdir()
    assert list_folder([tmp_path / "media", tmp_path / "absent"], None).nothing_available
    assert list_folder([], None).nothing_available


def test_a_big_folder_is_truncated(root: Path) -> None:
    for i in range(12):
        write(root, f"f{i:02}.png", b"x")
    (root / "zz-dossier").mkdir()
    listing = list_folder([root], root, limit=5)
    assert listing.truncated
    assert [e.name for e in listing.entries] == ["zz-dossier", "f00.png", "f01.png", "f02.png", "f03.png"]


def test_nothing_is_written_anywhere(root: Path, tmp_path: Path) -> None:
    write(root, "photo.jpg", jpeg_bytes())
    write(root, "doc.pdf", pdf_bytes())
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    for name in ("photo.jpg", "doc.pdf"):
        doc = accepted(root / name, [root])
        render_pages(doc.content, doc.media_type, 300)
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


# ----------------------------------------------------------------------------------------- the service


def test_the_service_does_the_same_work_on_the_files_worker(root: Path, outside: Path) -> None:
    """What the views await: the same answers as the functions, computed on the files' worker."""
    (root / "Scans").mkdir()
    write(root / "Scans", "photo.png", png_bytes())
    write(root, "doc.pdf", pdf_bytes())
    write(root, "faux.pdf", b"du texte")
    write(outside, "ailleurs.png", png_bytes())
    worker = FileWorker()
    service = DocumentService([root], worker)

    async def visit() -> None:
        top = await service.list_folder(None)
        assert [e.name for e in top.entries] == ["Scans", "doc.pdf", "faux.pdf"]
        assert (await service.list_folder(root, limit=2)).truncated
        with pytest.raises(OutsideFoldersError):
            await service.list_folder(outside)
        doc = await service.inspect(root / "doc.pdf")
        assert isinstance(doc, AcceptedDocument)
        assert doc.page_count == 2
        refusal = await service.inspect(root / "faux.pdf")
        assert isinstance(refusal, Refusal)
        assert refusal.code == "unsupported_type"
        outsider = await service.inspect(outside / "ailleurs.png")
        assert isinstance(outsider, Refusal)
        assert outsider.code == "outside_folders"
        [second] = await service.render_pages(doc.content, doc.media_type, 200, max_pages=1, first=1)
        assert second == render_pages(doc.content, doc.media_type, 200, max_pages=1, first=1)[0]
        assert await service.page_count(doc.content, doc.media_type) == 2
        assert await service.page_count(b"%PDF-1.7 abime", PDF) == 0
        assert await service.page_count(png_bytes(), PNG) == 1

    try:
        asyncio.run(visit())
    finally:
        worker.shutdown()
    assert page_count(pdf_bytes(pdf_writer(3)), PDF) == 3
