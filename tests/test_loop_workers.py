"""Extraction workers fed by an event loop (the crawl's): answers to the right callers,
and a worker that dies fails what it held instead of leaving it waiting."""

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest
from own_loop import run_in_own_loop

from extract.loop_workers import Worker, WorkerDied

REGIONS = ["Kabupaten Kupang", "Kota Kupang", "Kabupaten Belu", "Kabupaten Ende"]


def record(n: int) -> dict:
    region = REGIONS[n % len(REGIONS)]
    html = (
        f"<html><head><title>{region} raih UHC Award</title></head><body><article>"
        f"<h1>{region} raih UHC Award</h1><p>{region} menerima UHC Award kategori Madya "
        "dari BPJS Kesehatan di Jakarta, Selasa (27/1/2026).</p></article></body></html>"
    )
    return {"id": n, "url": f"https://kabar.example/{n}", "html": html}


def test_documents_sent_together_are_answered_each_to_its_caller():
    async def six_at_once():
        await worker.extract(record(0), None)  # the first one connects the pipes
        answers = asyncio.gather(*(worker.extract(record(n), None) for n in range(6)))
        await asyncio.sleep(0)
        in_flight = worker.load
        return in_flight, await answers

    worker = Worker()
    worker.wait_ready()
    try:
        in_flight, results = run_in_own_loop(six_at_once())
        with pytest.raises(RuntimeError, match="serves the event loop it began in"):
            run_in_own_loop(worker.extract(record(1), None))
    finally:
        worker.close()
    assert in_flight == 6
    assert [(r.id, [a.region_name for a in r.awards]) for r in results] == [
        (n, [REGIONS[n % len(REGIONS)]]) for n in range(6)
    ]
    assert worker.load == 0


def test_a_killed_worker_fails_the_documents_it_held():
    async def killed_while_working():
        waiting = [asyncio.ensure_future(dying.extract(record(n), None)) for n in range(3)]
        await asyncio.sleep(0)
        dying.process.kill()
        outcomes = await asyncio.gather(*waiting, return_exceptions=True)
        with pytest.raises(WorkerDied):
            await dying.extract(record(4), None)
        return outcomes

    dying = Worker()
    dying.wait_ready()
    try:
        outcomes = run_in_own_loop(killed_while_working())
    finally:
        dying.close()
    assert [type(o).__name__ for o in outcomes] == ["WorkerDied"] * 3
    assert dying.load == 0


CALLER = """
import asyncio, sys, time
sys.path.insert(0, "tests")  # where pytest finds the test modules and their helpers
from extract.loop_workers import Worker
from test_loop_workers import record
async def extract_many():
    await worker.extract(record(1), None)
    answers = asyncio.gather(*(worker.extract(record(n), None) for n in range(500)))
    await asyncio.sleep(0.2)  # the worker busy with them
    print(worker.process.pid, flush=True)  # the test kills this process now
    await answers
    time.sleep(60)
worker = Worker()
worker.wait_ready()
asyncio.run(extract_many())
"""


def test_a_worker_whose_caller_is_killed_ends_quietly():
    """SIGKILL of the crawl, with documents in the worker's hands, cannot stop the worker:
    it finds its pipes closed and ends by itself, without a traceback on the terminal
    they share."""
    caller = subprocess.Popen(
        [sys.executable, "-c", CALLER],
        cwd=Path(__file__).parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    worker_pid = int(caller.stdout.readline())
    caller.kill()
    caller.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{worker_pid}").exists():
        time.sleep(0.05)
    assert not Path(f"/proc/{worker_pid}").exists() or _zombie(worker_pid)
    assert caller.stderr.read() == ""


def _zombie(pid: int) -> bool:
    """A child of the killed caller that exited, waiting for init to reap it."""
    return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
