"""`make demo`: the sample network is crawled for real and served by Datasette."""

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

PANTAU = Path(sys.executable).with_name("pantau")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_demo_crawls_the_sample_network_and_serves_its_award_facts(tmp_path):
    port = free_port()
    db = tmp_path / "pantau.db"
    demo = subprocess.Popen(
        [PANTAU, "demo", "--db", db, "--port", str(port)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    watchdog = threading.Timer(240, demo.kill)  # a silent hang ends readline() too
    watchdog.start()
    try:
        lines = []
        for line in demo.stderr:
            lines.append(line)
            if "serving" in line:
                break
        assert lines and f"http://127.0.0.1:{port}/" in lines[-1], "".join(lines)
        url = f"http://127.0.0.1:{port}/pantau/award_summary.json?_shape=array&_size=max"
        for _ in range(50):
            try:
                rows = json.load(urllib.request.urlopen(url, timeout=10))
                break
            except OSError:
                time.sleep(0.2)
        winners = {(r["region_code"], r["year"], r["category"]) for r in rows}
        assert {
            ("53.71", 2026, "Utama"),
            ("52.72", 2026, "Madya"),
            ("35.07", 2026, "Madya"),
        } <= winners
    finally:
        watchdog.cancel()
        demo.terminate()
        demo.wait(timeout=30)
