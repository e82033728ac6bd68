"""The worker pool behind `pantau extract --jobs` and the crawl: order, and flat memory."""

from itertools import count, islice

from extract.pool import extract_many


def endless_records():
    for n in count():
        yield {"id": n, "text": "Harga cabai naik di Pasar Oebobo." if n % 2 else "UHC JKN"}


def test_workers_read_their_input_only_a_few_chunks_ahead():
    # An input read whole before the first result would never end here.
    results = list(islice(extract_many(endless_records(), jobs=2), 20))
    assert [(r.id, r.relevant) for r in results] == [(n, n % 2 == 0) for n in range(20)]
