"""extract/data/*.json: the extractor's vocabularies and word lists, read as data.

Kept apart from extract.vocab (which builds spaCy matchers) so that the cheap stages,
cleaning, dates and relevance, read their word lists without importing spaCy.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_vocab(name: str) -> dict[str, Any]:
    """One data file of extract/data, parsed once per process."""
    return json.loads(resources.files("extract").joinpath("data", f"{name}.json").read_text())
