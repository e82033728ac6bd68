"""pantau's statistical NER (PERSON / ORG / LOC), trained on IndoNLU NERGrit + NERP.

The rules find officials who come with a title ("Bupati Kupang ..."); this model also finds
names without one ("kata Retno", "RSUD S.K. Lerik"). It is a plain spaCy pipeline saved under
models/ner/model (recipe and figures in models/README.md); its "ner" component carries its
own tok2vec, so it can be sourced alone into the rule pipeline.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

DEFAULT_MODEL = Path(str(files("models") / "ner" / "model"))


def load_ner(path: str | Path | None = None) -> Language:
    """The trained NER pipeline (``models/ner/model`` unless ``path`` is given)."""
    model = Path(path) if path is not None else DEFAULT_MODEL
    if not (model / "config.cfg").is_file():
        raise FileNotFoundError(f"no trained NER pipeline at {model} (run `make ner`)")
    return spacy.load(model)


def add_ner(
    nlp: Language, path: str | Path | None = None, name: str = "ner", **add_pipe: Any
) -> Any:
    """Source the trained "ner" component into ``nlp`` (e.g. ``before="pantau_region_ruler"``).

    The component reads its table of word facts (``extract.ner_lexicon``) from the vocab's
    vectors, so the table comes along; a pipeline with other vectors of its own is refused
    rather than given a model that would read the wrong rows.
    """
    source = load_ner(path)
    table = source.vocab.vectors
    if not nlp.vocab.vectors.shape[1]:
        nlp.vocab.vectors = table
    elif nlp.vocab.vectors.to_bytes(exclude=["strings"]) != table.to_bytes(exclude=["strings"]):
        raise ValueError("this pipeline has word vectors of its own; the NER needs its lexicon")
    return nlp.add_pipe("ner", name=name, source=source, **add_pipe)
