"""The cue vocabularies in extract/data/*.json, and matchers built from them."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from extract.datafiles import load_vocab


def bare(text: str) -> str:
    """A word without its dots, case-folded: "M.Kes." and "MKes" compare equal."""
    return text.replace(".", "").casefold()


def phrase_matcher(
    nlp: Language, phrases: dict[str, list[str]], attr: str = "LOWER"
) -> PhraseMatcher:
    """A case-insensitive PhraseMatcher with one rule per key (``attr`` NORM also reads
    the corrections of extract.spelling)."""
    matcher = PhraseMatcher(nlp.vocab, attr=attr)
    for key, items in phrases.items():
        matcher.add(key, [nlp.make_doc(item) for item in items])
    return matcher


class DataComponent:
    """A pipeline component whose vocabulary is data, read once and saved with the pipeline.

    As spaCy's own components do with theirs, the vocabulary is read from extract/data in
    ``initialize()`` (``make model``) and written into the model directory by ``to_disk``;
    ``spacy.load`` reads it back with ``from_disk``. So a saved model behaves as it did when
    it was built, whatever the JSON files say later, until it is rebuilt. Subclasses name
    the data files they read and set themselves up from them in ``configure``.
    """

    data_files: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name
        self.data: dict[str, Any] = {}

    def configure(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def _load(self, data: dict[str, Any]) -> None:
        self.data = data
        self.configure(data)

    def initialize(self, get_examples: Any = None, *, nlp: Language | None = None) -> None:
        self._load({name: load_vocab(name) for name in self.data_files})

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.data).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> DataComponent:
        self._load(srsly.json_loads(data))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "data.json", self.data)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DataComponent:
        self._load(srsly.read_json(Path(path) / "data.json"))
        return self
