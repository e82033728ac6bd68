"""The wheel alone runs pantau: built from the checkout, installed into a fresh venv outside
it, then ``pantau extract``, ``pantau crawl`` of the sample network and ``pantau serve``
run from a folder outside the checkout.

The fresh venv gets the wheel with ``pip install --no-deps``; its dependencies come from
this test's own venv through a folder of links to its site-packages that leaves out the
editable install of the checkout (its ``.pth`` finder and its dist-info). So every module
of pantau is the wheel's (asserted), and a file the product needs but the wheel lacks (the
saved pipeline, the Datasette config, the sample sites' templates) fails the test.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
import yaml

from samplenet import SampleNetwork
from samplenet.preset import crawl_options

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pantau", "crawler", "extract", "store", "publish", "samplenet", "models")
# Not copied from the checkout's top folder: what the checkout made (an earlier build/ would
# leak stale files into the wheel) and what it holds besides the source.
NOT_SOURCE = {".venv", ".git", "build", "pantau.egg-info", "data", "test-artifacts"}

ARTICLE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Kabupaten Sikka Raih UHC Award 2026 Kategori Pratama - Flores Pos</title>
<meta property="article:published_time" content="2026-01-28T09:15:00+08:00">
</head><body>
<nav><a href="/">Beranda</a> <a href="/tag/uhc">UHC</a> <a href="/tag/jkn">JKN</a></nav>
<article>
<h1>Kabupaten Sikka Raih UHC Award 2026 Kategori Pratama</h1>
<p>Maumere – Pemerintah Kabupaten Sikka meraih penghargaan Universal Health Coverage
(UHC) Award 2026 kategori Pratama dari BPJS Kesehatan karena lebih dari 95 persen
penduduknya telah terdaftar sebagai peserta Program Jaminan Kesehatan Nasional (JKN).</p>
<p>Penghargaan itu diterima langsung oleh Bupati Sikka, Petrus Wado, di Jakarta,
Selasa (27/1/2026).</p>
<p>"Ini kerja bersama seluruh perangkat daerah," kata Petrus.</p>
</article>
<aside><h3>Baca juga</h3>
<p><a href="/kota-kupang-uhc">Kota Kupang Raih UHC Award Kategori Madya</a></p></aside>
<footer>© 2026 Flores Pos. Dilarang mengutip tanpa izin.</footer>
</body></html>
"""


def _left_out(folder: Path, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__" or (folder == ROOT and n in NOT_SOURCE)}


def run(command: list, cwd: Path, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A venv outside the checkout holding the wheel built from it, and its environment."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy, so no stale build/ of the checkout goes into the wheel
    shutil.copytree(ROOT, source, ignore=lambda folder, names: _left_out(Path(folder), names))
    dist = tmp / "dist"
    built = run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", dist, source],
        cwd=tmp,
        env=os.environ.copy(),
    )
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next(dist.glob("pantau-*.whl"))
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps"]
    installing = run([*pip, "--no-index", wheel], cwd=tmp, env=os.environ.copy())
    assert installing.returncode == 0, installing.stderr
    deps = tmp / "deps"
    deps.mkdir()
    paths = sysconfig.get_paths()
    for folder in {Path(paths["purelib"]), Path(paths["platlib"])}:
        for entry in folder.iterdir():
            if not entry.name.startswith(("__editable__", "pantau-")):
                (deps / entry.name).symlink_to(entry)
    site_packages = next((venv / "lib").glob("python3*/site-packages"))
    (site_packages / "dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env |= {"PYTHONNOUSERSITE": "1", "PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}"}
    work = tmp / "work"
    work.mkdir()
    return {"venv": venv, "python": python, "site": site_packages, "env": env, "work": work}


def pantau(installed: dict, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    command = [installed["venv"] / "bin" / "pantau", *args]
    return run(command, cwd=installed["work"], env=installed["env"], timeout=timeout)


def start(installed: dict, *args: str) -> subprocess.Popen:
    """``pantau ARGS`` from the installed venv, left running (a server)."""
    return subprocess.Popen(
        [installed["venv"] / "bin" / "pantau", *args],
        cwd=installed["work"],
        env=installed["env"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_every_pantau_module_comes_from_the_wheel(installed):
    where = run(
        [
            installed["python"],
            "-c",
            "import importlib, json, sys; "
            f"print(json.dumps([importlib.import_module(p).__file__ for p in {PACKAGES!r}]))",
        ],
        cwd=installed["work"],
        env=installed["env"],
    )
    assert where.returncode == 0, where.stderr
    files = [Path(f) for f in json.loads(where.stdout)]
    assert [f.parent.name for f in files] == list(PACKAGES)
    assert all(f.is_relative_to(installed["site"]) for f in files), files


def test_extract_finds_the_award_in_a_written_page(installed):
    page = installed["work"] / "sikka.html"
    page.write_text(ARTICLE, encoding="utf-8")
    result = pantau(installed, "extract", "sikka.html")
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout)
    assert (facts["title"], facts["event_date"]) == (
        "Kabupaten Sikka Raih UHC Award 2026 Kategori Pratama",
        "2026-01-27",
    )
    assert facts["awards"] == [
        {
            "region_code": "53.07",
            "region_name": "Kabupaten Sikka",
            "level": "kabupaten",
            "category": "Pratama",
            "year": 2026,
            "recipient_name": "Petrus Wado",
            "recipient_title": "Bupati Sikka",
            "evidence": "Kabupaten Sikka Raih UHC Award 2026 Kategori Pratama",
        }
    ]


@pytest.fixture(scope="module")
def crawled(installed) -> Path:
    """The sample network served and crawled by the installed ``pantau``."""
    sites = installed["work"] / "SITES.yaml"
    network = start(installed, "samplenet", "--write-sites", str(sites))
    try:
        for _ in range(300):
            if sites.exists() and "sites:" in sites.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)
        assert len(yaml.safe_load(sites.read_text(encoding="utf-8"))["sites"]) == 4
        db = installed["work"] / "pantau.db"
        crawl = pantau(installed, "crawl", "--sites", "SITES.yaml", "--db", "pantau.db",
                       *crawl_options(), timeout=180)  # fmt: skip
        assert crawl.returncode == 0, crawl.stderr[-3000:]
    finally:
        network.send_signal(signal.SIGINT)
        network.communicate(timeout=10)
    return db


def test_crawl_of_the_sample_network_stores_its_award_facts(crawled):
    truth = Counter(
        (award.region_code, award.year, award.category)
        for article in SampleNetwork().articles
        if article.relevant
        for award in article.awards
    )
    with sqlite3.connect(crawled) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        stored = Counter(conn.execute("SELECT region_code, year, category FROM awards"))
    assert articles == sum(1 for a in SampleNetwork().articles if a.relevant)
    assert stored == truth


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def test_serve_answers_its_home_page_and_a_canned_query(installed, crawled):
    port = free_port()
    server = start(installed, "serve", "--db", str(crawled), "--port", str(port))
    try:
        home = None
        for _ in range(600):
            try:
                home = get(f"http://127.0.0.1:{port}/").decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.communicate()[1][-3000:]
                time.sleep(0.1)
        assert home is not None and "pantau: UHC Award di berita daerah" in home
        rows = json.loads(get(f"http://127.0.0.1:{port}/pantau/pemenang.json?_shape=array"))
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=15)
    with sqlite3.connect(crawled) as conn:
        summary = conn.execute("SELECT count(*) FROM award_summary").fetchone()[0]
    assert len(rows) == summary > 0
