"""One entry per person among an article's official mentions.

The press names a person in full once and shortly after ("Ali Ghufron Mukti",
"Ghufron Mukti"), and with a fuller or shorter title ("Direktur Utama BPJS Kesehatan",
"Direktur BPJS Kesehatan"): the fullest name and the fullest title are kept.
"""

from __future__ import annotations

from collections.abc import Iterable


def _words(name: str) -> list[str]:
    return name.casefold().replace("’", "'").split()


def same_person(short: str, full: str) -> bool:
    """Whether ``short`` names the same person as ``full``: its words end or start it, or
    it keeps the first and last of them ("Joko Purnomo", "Joko Budi Purnomo")."""
    s, f = _words(short), _words(full)
    if len(s) > len(f):
        return False
    return (
        f[-len(s) :] == s
        or f[: len(s)] == s
        or (len(s) >= 2 and s[0] == f[0] and s[-1] == f[-1] and all(w in f for w in s))
    )


def merge_officials(mentions: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, title) pairs merged per person, in order of first mention."""
    people: list[list[str]] = []
    for name, title in mentions:
        for person in people:
            if same_person(name, person[0]) or same_person(person[0], name):
                if len(_words(name)) > len(_words(person[0])):
                    person[0] = name
                if len(title.split()) > len(person[1].split()):
                    person[1] = title
                break
        else:
            people.append([name, title])
    return [(name, title) for name, title in people]


def fullest_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to the fullest form of the same person among ``names``, by the rule
    of ``same_person``. This merges the names of many articles (the published ``people``),
    where, unlike within one article, a short name that fits two different full names
    ("Mukti": "Ali Ghufron Mukti" or "Budi Mukti") is ambiguous and stays on its own."""
    full: list[str] = []
    canonical: dict[str, str] = {}
    for name in sorted(set(names), key=lambda n: (-len(_words(n)), n)):
        holders = [f for f in full if same_person(name, f)]
        canonical[name] = holders[0] if len(holders) == 1 else name
        if not holders:
            full.append(name)
    return canonical
