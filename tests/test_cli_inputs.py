"""`pantau extract` reads JSON lines and HTML files, and reports bad input in one line."""

import json

from click.testing import CliRunner

from extract.inputs import read_inputs
from pantau.cli import cli


def run(*args, input=None):
    return CliRunner().invoke(cli, ["extract", *args], input=input)


def test_bad_json_line_is_reported_and_skipped_keeping_order(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "satu", "text": "Berita pertama"}\n{rusak\n{"id": "dua", "text": "Kedua"}\n',
        encoding="utf-8",
    )
    result = run(str(src))
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == ["satu", "dua"]
    assert f"{src}:2: invalid JSON" in result.stderr


def test_missing_file_is_one_line_error(tmp_path):
    result = run(str(tmp_path / "tidak-ada.jsonl"))
    assert result.stderr.strip() == f"pantau: {tmp_path / 'tidak-ada.jsonl'}: no such file"
    assert "Traceback" not in result.output


def test_a_page_with_stray_nul_bytes_is_still_a_page(tmp_path):
    page = tmp_path / "halaman.html"
    page.write_bytes(b"<html><head><title>Kabar\x00 Ende</title></head><body><p>Isi\x00</p>")
    result = run(str(page))
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["halaman.html"]
    assert result.stderr == ""


def test_an_image_named_html_is_refused_in_one_line(tmp_path):
    image = tmp_path / "foto.html"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = run(str(image))
    assert result.stdout == ""
    assert result.stderr.strip() == f"pantau: {image}: binary file, not HTML"


def test_json_lines_are_read_a_line_at_a_time(tmp_path):
    # A line written after the first document was read still arrives: the file is
    # read as the documents are consumed, never whole up front.
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "satu", "text": "Berita pertama"}\n', encoding="utf-8")
    documents = read_inputs((str(src),))
    first = next(documents)
    with src.open("a", encoding="utf-8") as more:
        more.write('{"id": "dua", "text": "Berita kedua"}\n')
    assert [first["id"], *(d["id"] for d in documents)] == ["satu", "dua"]


def test_a_text_file_is_one_article(tmp_path):
    article = tmp_path / "kupang.txt"
    article.write_bytes(
        "\ufeffKota Kupang meraih UHC Awards 2026 kategori Utama dari BPJS Kesehatan.\n".encode()
    )
    (result,) = [json.loads(line) for line in run(str(article)).stdout.splitlines()]
    assert (result["id"], result["relevant"]) == ("kupang.txt", True)
    assert [(a["region_code"], a["category"], a["year"]) for a in result["awards"]] == [
        ("53.71", "Utama", 2026)
    ]


def test_a_text_file_in_another_encoding_is_refused_in_one_line(tmp_path):
    article = tmp_path / "lama.txt"
    article.write_bytes("Bupati Ngada menerima piagam di Jakarta \u2013 Rabu".encode("cp1252"))
    result = run(str(article), str(tmp_path / "foto.gif"))
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"pantau: {article}: not UTF-8 text",
        f"pantau: {tmp_path / 'foto.gif'}: no such file",
    ]
