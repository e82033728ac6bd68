"""How well a crawl of the sample network did, per site: the figures of issue 13.

Read from the crawl's SQLite database (stdlib sqlite3: samplenet imports nothing of
pantau) and the network's request log:

- recall: stored relevant articles / relevant articles reachable on the site (the truth);
- duplicates: stored articles under a copy's URL (AMP, ?m=1, print view, syndicated
  copy) plus stored articles whose text another stored article already has;
- extra: stored articles that are not relevant ones (the extractor's precision);
- robots: requests to paths robots.txt forbids;
- traps: requests to the endless pages (date archives, tag pages).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from w3lib.url import canonicalize_url

from samplenet.network import SampleNetwork

TRAP_PREFIXES = ("/arsip/", "/tag/")


@dataclass(frozen=True)
class SiteScore:
    site: str
    style: str
    reachable: int
    stored: int
    duplicates: int
    extra: int
    robots: int
    traps: int
    requests: int

    @property
    def recall(self) -> float:
        return self.stored / self.reachable if self.reachable else 1.0


def site_scores(net: SampleNetwork, db: str | Path) -> list[SiteScore]:
    """One SiteScore per site of ``net``, for everything ``net`` has served so far."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT site, url, text_hash FROM articles").fetchall()
    rows = [(site, canonicalize_url(url), text_hash) for site, url, text_hash in rows]
    stored_urls = {url for _site, url, _hash in rows}
    copies = {canonicalize_url(url) for t in net.truth for url in t["duplicate_urls"]}
    relevant = {canonicalize_url(t["canonical_url"]) for t in net.truth}
    repeated = Counter(h for _site, _url, h in rows)
    requests = net.requests
    forbidden = net.disallowed_paths
    scores = []
    for info in net.sites:
        truth = [t for t in net.truth if t["site"] == info.name]
        mine = [(url, h) for site, url, h in rows if site == info.name]
        paths = [path for site, _method, path in requests if site == info.name]
        prefixes = [prefix for site, prefix in forbidden if site == info.name]
        scores.append(
            SiteScore(
                site=info.name,
                style=info.style,
                reachable=len(truth),
                stored=len(
                    [t for t in truth if canonicalize_url(t["canonical_url"]) in stored_urls]
                ),
                duplicates=len([u for u, _ in mine if u in copies])
                + sum(repeated[h] - 1 for h in {h for _, h in mine}),
                extra=len([u for u, _ in mine if u not in relevant and u not in copies]),
                robots=len([p for p in paths if any(p.startswith(x) for x in prefixes)]),
                traps=len([p for p in paths if p.startswith(TRAP_PREFIXES)]),
                requests=len(paths),
            )
        )
    return scores


def score_table(scores: list[SiteScore]) -> str:
    """The scores as a Markdown table."""
    lines = [
        "| site | style | recall | stored / reachable | duplicates | stored irrelevant "
        "| robots violations | trap requests | requests |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in scores:
        lines.append(
            f"| {s.site} | {s.style} | {s.recall:.2f} | {s.stored} / {s.reachable} | "
            f"{s.duplicates} | {s.extra} | {s.robots} | {s.traps} | {s.requests} |"
        )
    return "\n".join(lines)
