"""Property-based tests: whatever a user feeds pantau, it answers in one line, never a
traceback, and loses no good document.

Most properties run in-process (``main()`` under click's test isolation, so the exit
status is the real one); a few hand-written inputs go through the installed ``pantau``
as a real subprocess, with one and with two worker processes.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from crawler.sites import SitesError, load_sites
from extract.dates import find_dates, parse_date
from extract.engine import Extractor
from extract.inputs import MAX_PROBLEMS_PER_FILE, looks_binary
from extract.result import Result
from pantau.cli import main

PANTAU = Path(sys.executable).parent / "pantau"

# In-process runs share the session's loaded pipeline; no example waits on a clock.
FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="session")
def warm_pipeline(extractor):
    """Load the pipeline once: ``load_pipeline`` is cached, so ``main()`` reuses it."""
    return extractor.nlp


def run_main(args: list[str], stdin: bytes = b"") -> tuple[int, str, str]:
    """``pantau ARGS`` in this process: (exit status, stdout, stderr)."""
    with (
        CliRunner().isolation(input=stdin) as (out, err, _),
        mock.patch.object(sys, "argv", ["pantau", *args]),
    ):
        try:
            main()
        except SystemExit as exc:
            status = exc.code
    return status, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


# --- JSON lines: good records and every kind of bad line, with its expected message ---

WORDS = [
    "warga", "desa", "puskesmas", "jalan", "rusak", "panen", "padi", "gubernur", "bupati",
    "pasar", "ikan", "sekolah", "banjir", "musim", "hujan", "pelabuhan", "kapal", "festival",
    "budaya", "tenun", "ikat",
    "baris\u2028baru", "akhir\x85baris", "paragraf\u2029",  # line breaks to str.splitlines
]  # fmt: skip
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
json_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)
)
not_a_string = st.one_of(
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.lists(json_scalar, max_size=3),
    st.dictionaries(st.text(max_size=4), json_scalar),
)


@st.composite
def good_record(draw) -> dict:
    """A valid JSON-line object; its "id" is set by the caller (or left to default)."""
    record = {draw(st.sampled_from(["text", "html"])): draw(sentence)}
    if "html" in record:
        record["html"] = f"<html><body><article><p>{record['html']}</p></article></body></html>"
    if draw(st.booleans()):
        record["url"] = f"https://kabar.example/{draw(st.integers(0, 999))}"
    if draw(st.booleans()):
        record["published"] = draw(st.sampled_from(["2026-01-27", "27 Januari 2026", "kemarin"]))
    return record


def _encode(obj: object, ascii_only: bool) -> bytes:
    return json.dumps(obj, ensure_ascii=ascii_only).encode("utf-8")


@st.composite
def bad_line(draw) -> tuple[bytes, str]:
    """(line bytes, the message pantau must give for it)."""
    ok = _encode(draw(good_record()), False)
    kind = draw(st.sampled_from([
        "truncated", "not_object", "no_text", "html_type", "text_type", "url_type",
        "bad_utf8", "nul", "surrogate", "deep",
    ]))  # fmt: skip
    if kind == "truncated":  # cut between characters: a cut inside one is bad UTF-8 instead
        text = ok.decode("utf-8")
        return text[: draw(st.integers(1, len(text) - 1))].encode("utf-8"), "invalid JSON"
    if kind == "not_object":
        value = draw(st.one_of(json_scalar, st.lists(json_scalar, max_size=3)))
        return _encode(value, draw(st.booleans())), "expected a JSON object"
    if kind == "no_text":
        keys = st.text(max_size=6).filter(lambda k: k not in ("html", "text", "url"))
        return _encode(draw(st.dictionaries(keys, json_scalar, max_size=3)), True), (
            'object has no "html" or "text" string'
        )
    if kind in ("html_type", "text_type", "url_type"):
        key = kind.removesuffix("_type")
        record = {"text": "isi berita", key: draw(not_a_string)}
        return _encode(record, True), f'"{key}" must be a string'
    if kind == "bad_utf8":
        at = draw(st.integers(0, len(ok)))
        junk = draw(st.sampled_from([b"\xff", b"\xc3(", b"\xe9", b"\xed\xa0\x80"]))
        return ok[:at] + junk + ok[at:], "not UTF-8 text"
    if kind == "nul":
        at = draw(st.integers(0, len(ok)))
        return ok[:at] + b"\x00" + ok[at:], "NUL byte"
    if kind == "surrogate":
        return b'{"text": "berita \\udc80 rusak"}', "lone surrogate"
    return b"[" * 100_000, "nested too deeply"


blank = st.sampled_from([b"", b"   ", b"\t", b"\r"])
line_item = st.one_of(
    good_record().map(lambda r: ("good", r)),
    bad_line().map(lambda b: ("bad", b)),
    blank.map(lambda b: ("blank", b)),
)


@FAST
@given(
    items=st.lists(line_item, max_size=12),
    keep_ids=st.lists(st.booleans(), min_size=12, max_size=12),
    ascii_only=st.booleans(),
    newline=st.sampled_from([b"\n", b"\r\n"]),
    bom=st.booleans(),
    from_stdin=st.booleans(),
)
def test_every_json_line_gives_one_object_or_one_error_line(
    warm_pipeline, tmp_path_factory, items, keep_ids, ascii_only, newline, bom, from_stdin
):
    lines, expected_ids, expected_errors = [], [], []
    for number, (kind, value) in enumerate(items, 1):
        if kind == "good":
            if keep_ids[number - 1]:
                value = {"id": f"berita-{number}", **value}
            lines.append(_encode(value, ascii_only))
            expected_ids.append(value.get("id", f"{{stem}}:{number}"))
        elif kind == "bad":
            lines.append(value[0])
            expected_errors.append((number, value[1]))
        else:
            lines.append(value)
    data = (b"\xef\xbb\xbf" if bom else b"") + newline.join(lines)
    if from_stdin:
        name, stem, args, stdin = "<stdin>", "<stdin>", ["extract", "-"], data
    else:
        path = tmp_path_factory.mktemp("in") / "masukan.jsonl"
        path.write_bytes(data)
        name, stem, args, stdin = str(path), "masukan", ["extract", str(path)], b""

    status, out, err = run_main(args, stdin)

    assert status == (2 if expected_errors else 0)
    assert [json.loads(line)["id"] for line in out.splitlines()] == [
        i.replace("{stem}", stem) for i in expected_ids
    ]
    err_lines = err.splitlines()
    assert len(err_lines) == len(expected_errors)
    for line, (number, message) in zip(err_lines, expected_errors, strict=True):
        assert line.startswith(f"pantau: {name}:{number}: ")
        assert message in line


@FAST
@given(chunks=st.lists(st.binary(max_size=60), max_size=10))
def test_arbitrary_bytes_as_json_lines_never_crash(warm_pipeline, tmp_path_factory, chunks):
    data = b"\n".join(chunks)
    path = tmp_path_factory.mktemp("bytes") / "acak.jsonl"
    path.write_bytes(data)
    status, out, err = run_main(["extract", str(path)])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        utf16 = f"pantau: {path}: UTF-16 text; JSON lines must be UTF-8\n"
        assert (status, out, err) == (2, "", utf16)
        return
    if looks_binary(data):
        assert (status, out, err) == (2, "", f"pantau: {path}: binary file, not text\n")
        return
    lines = data.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    numbered = [n for n, line in enumerate(lines, 1) if line.strip()]
    reported = [
        int(m[1])
        for m in re.finditer(rf"^pantau: {re.escape(str(path))}:(\d+): ", err, re.MULTILINE)
    ]
    assert len(reported) == len(err.splitlines())  # every error line names file:line
    assert len(out.splitlines()) + len(reported) == len(numbered)
    assert set(reported) <= set(numbered)
    assert status == (2 if reported else 0)


def test_a_binary_file_is_one_error_line(warm_pipeline, tmp_path):
    path = tmp_path / "gambar.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b'{"text": "JKN"}\n' * 5)
    assert run_main(["extract", str(path)]) == (2, "", f"pantau: {path}: binary file, not text\n")


def test_a_file_of_junk_lines_is_reported_in_bounded_lines(warm_pipeline, tmp_path):
    path = tmp_path / "rusak.jsonl"
    path.write_bytes(b'{"id": "awal", "text": "JKN"}\n' + b"{rusak\n" * 500)
    status, out, err = run_main(["extract", str(path)])
    lines = err.splitlines()
    assert (status, [json.loads(line)["id"] for line in out.splitlines()]) == (2, ["awal"])
    assert len(lines) == MAX_PROBLEMS_PER_FILE + 1
    assert lines[0].startswith(f"pantau: {path}:2: invalid JSON")
    assert lines[-1] == f"pantau: {path}: 480 more bad lines not shown (500 in all)"


def test_a_huge_irrelevant_line_still_gives_its_object(warm_pipeline, tmp_path):
    path = tmp_path / "besar.jsonl"
    text = "Pasar ikan ramai. " * 150_000  # 2.7 million characters, no UHC/JKN words
    path.write_text(json.dumps({"id": "besar", "text": text}) + "\n", encoding="utf-8")
    status, out, err = run_main(["extract", str(path)])
    assert (status, err) == (0, "")
    assert json.loads(out)["id"] == "besar"


def test_a_document_the_extractor_fails_on_is_one_error_line(warm_pipeline, tmp_path):
    path = tmp_path / "dua.jsonl"
    path.write_text('{"id": "rusak", "text": "JKN"}\n{"id": "baik", "text": "JKN"}\n')
    real = Extractor.extract_record

    def fail_on_rusak(self, record):
        if record["id"] == "rusak":
            raise ValueError("[E088] Text of length\n2799999 exceeds maximum")
        return real(self, record)

    with mock.patch.object(Extractor, "extract_record", fail_on_rusak):
        status, out, err = run_main(["extract", str(path)])
    assert status == 2
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["baik"]
    assert err == (
        "pantau: document rusak: cannot extract "
        "(ValueError: [E088] Text of length 2799999 exceeds maximum)\n"
    )


# --- the real installed command, one and two worker processes ---

MIXED_LINES = [
    b'{"id": "satu", "text": "Warga Kupang memadati pasar ikan pagi ini."}',
    b'{"id": "dua", "text": "tanpa penutup',
    b"",
    b'{"id": "tiga", "text": "Kabupaten Balangan meraih UHC Award kategori Utama 2026 dari '
    b'BPJS Kesehatan."}',
    b"\x00\x01\x02 biner",
    b'{"id": "empat", "html": 5}',
    b'{"id": "lima", "text": "Festival tenun ikat di Ende, harga kain naik \xff"}',
    b'["bukan", "objek"]',
    b'{"id": "enam", "html": "<html><body><p>JKN untuk nelayan Sikka</p></body></html>"}',
]
MIXED_ERRORS = [
    "{src}:2: invalid JSON (Unterminated string starting at, column 23)",
    "{src}:5: binary data (NUL byte), not a JSON line",
    '{src}:6: "html" must be a string',
    "{src}:7: not UTF-8 text (byte 70 of the line)",
    "{src}:8: expected a JSON object",
]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_installed_pantau_reports_bad_lines_and_keeps_order(tmp_path, jobs):
    src = tmp_path / "campur.jsonl"
    src.write_bytes(b"\n".join(MIXED_LINES) + b"\n")
    proc = subprocess.run(
        [str(PANTAU), "extract", "--jobs", jobs, str(src), "-"],
        input=b"\n".join(MIXED_LINES),
        capture_output=True,
        timeout=300,
        check=False,
    )
    err = proc.stderr.decode("utf-8")
    assert "Traceback" not in err
    assert proc.returncode == 2
    assert err.splitlines() == [
        f"pantau: {e.format(src=where)}" for where in (src, "<stdin>") for e in MIXED_ERRORS
    ]
    results = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["id"] for r in results] == ["satu", "tiga", "enam"] * 2
    assert [r["relevant"] for r in results] == [False, True, True] * 2
    assert [(a["region_code"], a["category"], a["year"]) for a in results[1]["awards"]] == [
        ("63.11", "Utama", 2026)
    ]


def test_ctrl_c_stops_workers_without_a_traceback():
    """Ctrl-C in a terminal signals the whole process group: parent and workers."""
    proc = subprocess.Popen(
        [str(PANTAU), "extract", "--jobs", "2", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    proc.stdin.write(b'{"text": "JKN untuk nelayan Sikka"}\n')
    proc.stdin.flush()
    time.sleep(2)  # workers are starting: the worst moment
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert (proc.returncode, err) == (130, b"Aborted.\n")


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path):
    """`pantau extract big.jsonl | head -1`: the pipe closes under pantau's feet."""
    src = tmp_path / "banyak.jsonl"
    src.write_text('{"text": "Pasar ikan ramai"}\n' * 3000, encoding="utf-8")
    proc = subprocess.Popen(
        [str(PANTAU), "extract", str(src)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert json.loads(proc.stdout.readline())["id"] == "banyak:1"
    proc.stdout.close()
    assert proc.wait(timeout=120) == 141
    assert proc.stderr.read() == b""


# --- HTML bytes straight into the extractor ---

FRAGMENTS = [
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "<body>",
    "<article>",
    "</article>",
    "<p>",
    "</p>",
    "<div class='baca-juga'>",
    "</div>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<meta charset='windows-1252'>",
    "<meta charset='klingon'>",
    '<meta property="article:published_time" content="2026-13-45">',
    "&#0;",
    "&#xD800;",
    "&nbsp;",
    "&amp",
    "<",
    ">",
    "\x00",
    "\ufeff",
    "BPJS Kesehatan",
    "UHC Award",
    "kategori Utama",
    "Kabupaten Balangan",
    "Kota Kupang",
    "Bupati Balangan H. Abdul Hadi",
    "Selasa (27/1/2026)",
    "31 Februari 2026",
    "tahun 20266",
    "é",
    "ñ",
    "中文",
]
markup = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40).map(
    "".join
)
encoding = st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1", "shift_jis", "koi8-r"])
html_bytes = st.one_of(
    st.binary(max_size=400),
    st.builds(lambda text, enc: text.encode(enc, errors="replace"), markup, encoding),
)


@FAST
@given(html=html_bytes)
def test_extractor_takes_any_html_bytes(extractor, html):
    result = extractor.extract_record({"html": html})
    assert isinstance(result, Result)
    json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8")
    if not result.relevant:
        assert result.awards == [] and result.officials == []


@FAST
@given(html=html_bytes)
def test_any_html_file_gives_one_object_or_one_error_line(warm_pipeline, tmp_path_factory, html):
    path = tmp_path_factory.mktemp("html") / "halaman.html"
    path.write_bytes(html)
    status, out, err = run_main(["extract", str(path)])
    if err:
        assert (status, out, err) == (2, "", f"pantau: {path}: binary file, not HTML\n")
    else:
        assert (status, json.loads(out)["id"]) == (0, "halaman.html")


@FAST
@given(html=markup)
def test_extractor_takes_any_html_text(extractor, html):
    result = extractor.extract_record({"html": html, "url": "https://kabar.example/x"})
    assert isinstance(result, Result)
    json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8")


def test_extractor_takes_a_relevant_text_over_a_million_characters(extractor):
    text = "BPJS Kesehatan hadir di Kabupaten Balangan. " * 30_000
    assert isinstance(extractor.extract_record({"text": text}), Result)


# --- dates ---

DATE_BITS = [
    "Selasa",
    "(",
    ")",
    "/",
    "-",
    ".",
    " ",
    ",",
    "Januari",
    "Pebruari",
    "Mei",
    "Desember",
    "jan",
    "WIB",
    "0",
    "1",
    "2",
    "9",
    "12",
    "29",
    "31",
    "32",
    "2026",
    "1899",
    "0000",
    "9999",
    "99999",
    "kemarin",
    "lalu",
    "tahun",
]
date_text = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(DATE_BITS), st.text(max_size=3)), max_size=20).map("".join),
)


@FAST
@given(text=date_text)
def test_parse_date_takes_any_text(text):
    parsed = parse_date(text)
    assert parsed is None or isinstance(parsed, date)


@FAST
@given(text=date_text, reference_year=st.one_of(st.none(), st.integers(-10, 10_000)))
def test_find_dates_gives_real_dates_at_real_offsets(text, reference_year):
    for mention in find_dates(text, reference_year):
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert isinstance(mention.date, date)
        if not mention.has_year:
            assert mention.date.year == reference_year


# --- SITES.yaml: crawler.sites.load_sites and pantau crawl --sites ---

yaml_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.text(max_size=12),
    st.sampled_from(
        [
            "https://kabar.example/",
            "ftp://kabar.example/",
            "kabarkupang",
            "https://",
            "http://kabar.example/feed",
            "UHC",
            "http://[::1",
        ]
    ),
)
yaml_value = st.recursive(
    yaml_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    ["sites", "name", "url", "feeds", "sitemaps", "start_urls", "keywords"]
                ),
                st.text(max_size=6),
                st.integers(),
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=20,
)
sites_bytes = st.one_of(
    st.binary(max_size=200),
    yaml_value.map(lambda v: yaml.safe_dump(v, allow_unicode=True).encode("utf-8")),
    yaml_value.map(lambda v: yaml.safe_dump({"sites": v}, allow_unicode=True).encode("utf-8")),
    st.lists(
        st.sampled_from(
            [
                "sites:",
                "\n",
                "  - ",
                "name: a",
                "url: ",
                "https://a.example/",
                "[",
                "]",
                "{",
                "}",
                "&a ",
                "*a",
                "!!python/object ",
                "\t",
                ": ",
                "'",
                '"',
                "#",
                "- name: b\n    url: http://b.example/",
                "2026-13-45",
                "1: x",
            ]
        ),
        max_size=30,
    ).map(lambda parts: "".join(parts).encode("utf-8")),
)


def sites_file(factory, raw: bytes) -> Path:
    path = factory.mktemp("sites") / "SITES.yaml"
    path.write_bytes(raw)
    return path


@FAST
@given(raw=sites_bytes)
def test_any_sites_file_loads_or_is_one_line_error(tmp_path_factory, raw):
    path = sites_file(tmp_path_factory, raw)
    try:
        sites = load_sites(path)
    except SitesError as exc:
        assert str(exc).startswith(str(path))
        assert "\n" not in str(exc)
    else:
        assert sites and all(s.url.startswith(("http://", "https://")) for s in sites)
        assert len({s.name for s in sites}) == len(sites)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=sites_bytes)
def test_pantau_crawl_rejects_a_bad_sites_file_in_one_line(tmp_path_factory, raw):
    path = sites_file(tmp_path_factory, raw)
    try:
        load_sites(path)
    except SitesError as exc:
        expected = f"Error: {exc}\n"
    else:
        assume(False)  # a valid file would start a real crawl
    db = path.with_name("pantau.db")
    assert run_main(["crawl", "--sites", str(path), "--db", str(db)]) == (2, "", expected)
    assert not db.exists()


@pytest.mark.parametrize(
    "text",
    [
        # yaml.safe_load raises ValueError, not YAMLError, for an impossible timestamp
        "sites:\n  - name: a\n    url: https://a.example/\n    added: 2026-13-45\n",
        # urlsplit raises ValueError on an unclosed IPv6 bracket
        "sites:\n  - name: a\n    url: 'http://[::1'\n",
        # sorted() of unknown keys of mixed types raises TypeError
        "sites:\n  - name: a\n    url: https://a.example/\n    1: x\n    b: y\n",
        # deep nesting: RecursionError from the YAML composer
        "sites: " + "[" * 3000 + "]" * 3000 + "\n",
    ],
    ids=["timestamp", "ipv6", "mixed-keys", "deep"],
)
def test_sites_file_inputs_the_properties_caught(tmp_path, text):
    path = tmp_path / "SITES.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SitesError):
        load_sites(path)
