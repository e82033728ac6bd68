"""The cue vocabularies in extract/data/*.json, and matchers built from them."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher


def bare(text: str) -> str:
    """A word without its dots, case-folded: "M.Kes." and "MKes" compare equal."""
    return text.replace(".", "").casefold()


@cache
def load_vocab(name: str) -> dict[str, Any]:
    """One data file of extract/data, parsed once per process."""
    return json.loads(resources.files("extract").joinpath("data", f"{name}.json").read_text())


def phrase_matcher(
    nlp: Language, phrases: dict[str, list[str]], attr: str = "LOWER"
) -> PhraseMatcher:
    """A case-insensitive PhraseMatcher with one rule per key (``attr`` NORM also reads
    the corrections of extract.spelling)."""
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for key, items in phrases.items():
        matcher.add(key, [nlp.make_doc(item) for item in items])
    return matcher
