"""Where ``extract_record`` spends its time on a relevant document, stage by stage.

    .venv/bin/python bench/extract_stages.py [--pages 40] [--rounds 5] [--jsonl FILE]

Documents: the relevant pages of bench/news_pages.py (50-200 KB of HTML each), or, with
``--jsonl``, the records of a file as ``pantau extract`` reads them (``html`` or ``text``),
of which the relevant ones count. Printed per stage, CPU milliseconds per document,
median (min-max) of the rounds: cleaning (decoding, the keyword test, trafilatura and
pantau's own steps; for text, the boilerplate lines and the dateline), the tokenizer and
each pipeline component in order; then ``extract_record`` as a whole, timed apart.
Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from news_pages import make_pages

from extract.engine import Extractor


def records(args: argparse.Namespace) -> list[dict[str, Any]]:
    if args.jsonl is None:
        return [{"html": page} for page in make_pages(args.pages, True)]
    with open(args.jsonl, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def one_round(extractor: Extractor, relevant: list[dict[str, Any]]) -> dict[str, float]:
    """CPU seconds of each stage over all documents, and of ``extract_record`` alone."""
    spent: dict[str, float] = defaultdict(float)
    for record in relevant:
        start = time.process_time()
        extractor.clean(record)
        spent["cleaning"] += time.process_time() - start
        result = extractor.extract_record(record)
        start = time.process_time()
        doc = extractor.tokenized(result)
        spent["tokenizer"] += time.process_time() - start
        for name, component in extractor.nlp.pipeline:
            start = time.process_time()
            doc = component(doc)
            spent[name] += time.process_time() - start
    start = time.process_time()
    for record in relevant:
        extractor.extract_record(record)
    spent["extract_record, whole"] = time.process_time() - start
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40, help="generated relevant pages")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--jsonl", type=Path, help="documents of a .jsonl instead")
    args = parser.parse_args()

    extractor = Extractor()
    relevant = [r for r in records(args) if extractor.extract_record(r).relevant]
    if not relevant:
        raise SystemExit("no relevant document to time")
    print(f"{len(relevant)} relevant documents, {args.rounds} rounds; CPU ms per document")
    rounds = [one_round(extractor, relevant) for _ in range(args.rounds)]
    for stage in rounds[0]:
        ms = [1000 * spent[stage] / len(relevant) for spent in rounds]
        print(f"  {stage:24s} {statistics.median(ms):7.2f} ({min(ms):.2f}-{max(ms):.2f})")


if __name__ == "__main__":
    main()
