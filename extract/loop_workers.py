"""Warm extraction workers that an event loop feeds: the crawl's, ``pantau reextract``'s.

``pool.worker_pool`` hands documents to its processes through concurrent.futures, whose
threads in the caller (one moves the work along, one pickles it into the pipe) each take
the GIL for every document. Beside a crawl, whose one thread is never idle, that cost the
crawl about a millisecond of CPU an article, a third of what the article's page cost it
(bench/crawl_speed.py). Here a worker reads its documents from one pipe and answers on
another that the event loop watches itself: no thread in the caller, some tens of
microseconds a document.

The worker processes are the pool's (started the same way, warm, with Ctrl-C left to the
caller, gone with their caller). One that dies fails the documents it held with
``WorkerDied``; whether to try them again is the caller's choice.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import pickle
import re
import struct
from collections import deque
from multiprocessing.connection import Connection
from typing import Any

from extract.pool import ctrl_c_for_the_caller_only, extract_in_worker, start_worker

# Each message is its length, then a pickle of (record, keywords) one way, of the result
# the other way.
HEADER = struct.Struct("!Q")
# What a worker says once its pipeline is loaded.
READY = b"r"


class WorkerDied(Exception):
    """The worker process ended (killed, out of memory, failed to start) before answering."""


def _serve(requests: Connection, answers: Connection) -> None:
    """A worker's life: load the pipeline, say so, answer every document in turn, and end
    quietly when the caller closes its end or dies."""
    start_worker()
    try:
        _write_all(answers.fileno(), READY)
        with os.fdopen(requests.fileno(), "rb", closefd=False) as reading:
            while len(header := reading.read(HEADER.size)) == HEADER.size:
                size = HEADER.unpack(header)[0]
                message = reading.read(size)
                if len(message) < size:  # the caller died while writing it
                    return
                record, keywords = pickle.loads(message)
                answer = extract_in_worker(record, keywords)
                data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
                _write_all(answers.fileno(), HEADER.pack(len(data)) + data)
    except BrokenPipeError:  # the caller is gone
        return


def _write_all(fd: int, data: bytes) -> None:
    """``data`` written whole, with nothing left in a buffer to fail again at exit."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


class _Answers(asyncio.Protocol):
    """A worker's answers, read as the event loop sees them arrive; they come in the
    order the documents were sent, so each resolves the longest-waiting future."""

    def __init__(self, waiting: deque[asyncio.Future[Any]]) -> None:
        self.waiting = waiting
        self.buffer = bytearray()
        self.lost = False

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while len(self.buffer) >= HEADER.size:
            end = HEADER.size + HEADER.unpack_from(self.buffer)[0]
            if len(self.buffer) < end:
                return
            answer = pickle.loads(self.buffer[HEADER.size : end])
            del self.buffer[:end]
            future = self.waiting.popleft()
            if not future.done():  # its caller may have been cancelled
                future.set_result(answer)

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True
        while self.waiting:
            future = self.waiting.popleft()
            if not future.done():
                future.set_exception(WorkerDied("the extraction worker ended"))


class Worker:
    """One warm extraction process. Started at once; ``wait_ready`` blocks until it has
    loaded the pipeline; ``extract`` is awaited in the event loop of the caller's first
    document (a worker serves one loop)."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        their_requests, self._requests = context.Pipe(duplex=False)
        self._answers, their_answers = context.Pipe(duplex=False)
        with ctrl_c_for_the_caller_only():
            self.process = context.Process(target=_serve, args=(their_requests, their_answers))
            self.process.daemon = True
            self.process.start()
        their_requests.close()
        their_answers.close()
        self._waiting: deque[asyncio.Future[Any]] = deque()
        self._held = 0  # documents given to ``extract`` and not yet answered
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sending: asyncio.WriteTransport | None = None
        self._receiving: asyncio.ReadTransport | None = None
        self._answered: _Answers | None = None
        self._connecting = asyncio.Lock()

    def wait_ready(self) -> None:
        """Returns once the pipeline is loaded; WorkerDied if the worker ended instead."""
        if os.read(self._answers.fileno(), len(READY)) != READY:
            raise WorkerDied(f"the extraction worker failed to start ({self.process.exitcode})")

    @property
    def load(self) -> int:
        """Documents given to this worker and not yet answered, counted from the call on
        (the first ones wait for the pipes to be connected before they are sent)."""
        return self._held

    async def extract(self, record: dict[str, Any], keywords: re.Pattern[str] | None) -> Any:
        """``extract_in_worker(record, keywords)``, computed by this worker."""
        self._held += 1
        try:
            return await self._extract(record, keywords)
        finally:
            self._held -= 1

    async def _extract(self, record: dict[str, Any], keywords: re.Pattern[str] | None) -> Any:
        loop = asyncio.get_running_loop()
        async with self._connecting:
            if self._loop is None:
                self._loop = loop
                self._sending, _ = await loop.connect_write_pipe(asyncio.Protocol, self._requests)
                answers = _Answers(self._waiting)
                self._receiving, _ = await loop.connect_read_pipe(lambda: answers, self._answers)
                self._answered = answers
        if loop is not self._loop:
            raise RuntimeError("an extraction worker serves the event loop it began in")
        assert self._sending is not None and self._answered is not None
        if self._answered.lost:
            raise WorkerDied("the extraction worker ended")
        future = loop.create_future()
        self._waiting.append(future)
        message = pickle.dumps((record, keywords), pickle.HIGHEST_PROTOCOL)
        self._sending.write(HEADER.pack(len(message)) + message)
        return await future

    def close(self) -> None:
        """Ends the worker at once (it holds nothing worth saving) and its pipes."""
        self.process.terminate()
        self.process.join()
        if self._sending and self._receiving and self._loop and not self._loop.is_closed():
            self._sending.close()  # the loop closes the pipes
            self._receiving.close()
        else:
            self._requests.close()
            self._answers.close()
