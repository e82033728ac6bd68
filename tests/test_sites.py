"""SITES.yaml validation: every bad file is one line naming the problem, exit status 2."""

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.sites import SitesError, load_sites

PANTAU = Path(sys.executable).with_name("pantau")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "SITES.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_with_overrides(tmp_path):
    path = write(
        tmp_path,
        """
sites:
  - name: kabarkupang
    url: https://kabarkupang.example
    feeds: [https://kabarkupang.example/rss]
    keywords: [UHC, Kartu Indonesia Sehat]
  - name: warta-ntt
    url: http://warta-ntt.example/beranda/
""",
    )
    first, second = load_sites(path)
    assert first.name == "kabarkupang"
    assert first.url == "https://kabarkupang.example/"
    assert first.feeds == ("https://kabarkupang.example/rss",)
    assert first.pattern.search("peserta kartu indonesia sehat") is not None
    assert first.pattern.search("BPJS Kesehatan") is None
    assert second.netloc == "warta-ntt.example"
    assert "BPJS Kesehatan" in second.keywords


def test_province_and_title_are_carried_on_the_site(tmp_path):
    path = write(
        tmp_path,
        """
sites:
  - name: kabarkupang
    url: https://kabarkupang.example/
    province: "53"
    title: Kabar Kupang
  - name: warta-aceh
    url: https://warta-aceh.example/
    province: 11
  - name: tanpa-provinsi
    url: https://tanpa.example/
""",
    )
    kupang, aceh, bare = load_sites(path)
    assert (kupang.province, kupang.title) == ("53", "Kabar Kupang")
    assert (aceh.province, aceh.title) == ("11", None)
    assert (bare.province, bare.title) == (None, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sites: [\n  - name: a\n", "invalid YAML"),
        ("sites:\n  - name: a\n", "sites[0] (a): missing url"),
        ("sites:\n  - url: http://a.example/\n", "sites[0]: missing or invalid name"),
        ("sites:\n  - {name: a, url: 'ftp://a.example/'}\n", "expected an http(s) URL"),
        ("sites:\n  - {name: a, url: 'http://a.example:99999/'}\n", "not a URL"),
        ("sites:\n  - {name: a, url: 'http://a.example:0/'}\n", "port 0 cannot be fetched"),
        ("sites:\n  - {name: a, url: 'http://:8080/'}\n", "URL has no host"),
        (
            "sites:\n  - {name: a, url: 'http://a.example/'}\n  - {name: a, url: 'http://b.example/'}\n",
            "duplicate site name 'a'",
        ),
        ("sites: []\n", "the 'sites:' list is empty"),
        ("- just a list\n", "expected a top-level 'sites:' list"),
        ("sites:\n  - {name: a, url: 'http://a.example/', feed: 'x'}\n", "unknown key(s) feed"),
        (
            "sites:\n  - {name: a, url: 'http://a.example/', province: '54'}\n",
            "sites[0] (a) province: not a Kemendagri province code: '54'",
        ),
        (
            "sites:\n  - {name: a, url: 'http://a.example/', province: '53.71'}\n",
            "sites[0] (a) province: not a Kemendagri province code: '53.71'",
        ),
        (
            "sites:\n  - {name: a, url: 'http://a.example/', province: NTT}\n",
            "sites[0] (a) province: not a Kemendagri province code: 'NTT'",
        ),
        (
            "sites:\n  - {name: a, url: 'http://a.example/', province: true}\n",
            "sites[0] (a) province: not a Kemendagri province code: True",
        ),
        (
            "sites:\n  - {name: a, url: 'http://a.example/', title: ' '}\n",
            "sites[0] (a) title: expected a non-empty string",
        ),
        (
            "sites:\n  - {name: a, url: 'http://a.example/', title: [x]}\n",
            "sites[0] (a) title: expected a non-empty string",
        ),
    ],
)
def test_bad_files(tmp_path, text, message):
    with pytest.raises(
        SitesError,
        match=message.replace("(", r"\(")
        .replace(")", r"\)")
        .replace("[", r"\[")
        .replace("]", r"\]"),
    ):
        load_sites(write(tmp_path, text))


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    missing = tmp_path / "nope.yaml"
    proc = subprocess.run(
        [PANTAU, "crawl", "--sites", missing, "--db", tmp_path / "x.db"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"Error: {missing}: no such file"
    assert not (tmp_path / "x.db").exists()


def test_bad_yaml_exit_2_names_the_line(tmp_path):
    path = write(tmp_path, "sites:\n  - name: a\n    url: [unclosed\n")
    proc = subprocess.run(
        [PANTAU, "crawl", "--sites", path, "--db", tmp_path / "x.db"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "line 4" in proc.stderr and "invalid YAML" in proc.stderr


def test_db_that_is_not_sqlite_is_one_line_and_exit_2(tmp_path):
    sites = write(tmp_path, "sites:\n  - {name: a, url: 'http://127.0.0.1:9/'}\n")
    proc = subprocess.run(
        [PANTAU, "crawl", "--sites", sites, "--db", sites],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"Error: {sites}: not a pantau database")
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("DOWNLOAD_TIMEOUT=bad", "DOWNLOAD_TIMEOUT expects a number, got 'bad'"),
        ("CONCURRENT_REQUESTS=many", "CONCURRENT_REQUESTS expects a number, got 'many'"),
        ("ROBOTSTXT_OBEY=maybe", "ROBOTSTXT_OBEY expects true or false, got 'maybe'"),
        ("DOWNLOAD_DELAY", "expected NAME=VALUE, got 'DOWNLOAD_DELAY'"),
    ],
)
def test_bad_setting_is_one_line_and_exit_2(tmp_path, override, message):
    sites = write(tmp_path, "sites:\n  - {name: a, url: 'http://127.0.0.1:9/'}\n")
    proc = subprocess.run(
        [PANTAU, "crawl", "--sites", sites, "--db", tmp_path / "x.db", "-s", override],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == f"Error: Invalid value for -s: {message}"
    assert "Traceback" not in proc.stderr
