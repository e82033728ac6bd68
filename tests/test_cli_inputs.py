"""`pantau extract` reads JSON lines and HTML files, and reports bad input in one line."""

import json

from click.testing import CliRunner

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
