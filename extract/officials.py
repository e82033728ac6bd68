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
