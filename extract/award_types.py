"""The shapes the award rules share: a sentence with its cue positions, a winner found,
a list of winners under way."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass
class Block:
    """A list of winners under way, and the category of its current header."""

    category: str | None


@dataclass
class Winner:
    region: Span
    evidence: Span
    year: int | None
    category: str | None = None
    recipient: Span | None = None
    past: bool = False


class CueSentence:
    """The cue positions inside one sentence."""

    def __init__(self, sent: Span, cues: dict[str, list[int]], categories: dict[int, str]):
        self.span = sent
        self.at = {k: [i for i in v if sent.start <= i < sent.end] for k, v in cues.items()}
        self.categories = {i: c for i, c in categories.items() if sent.start <= i < sent.end}

    @property
    def about_award(self) -> bool:
        return bool(self.at["TRIGGER"] or self.at["NOUN"] or self.categories)


def only_category(sent: CueSentence | None) -> str | None:
    """The category a sentence states, when it states exactly one."""
    stated = set(sent.categories.values()) if sent is not None else set()
    return stated.pop() if len(stated) == 1 else None
