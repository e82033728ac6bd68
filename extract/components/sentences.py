"""Sentence boundaries at line breaks: headlines and captions have no final period."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("pantau_line_sentences")
def line_sentences(doc: Doc) -> Doc:
    """Start a sentence after every token that holds a line break (runs after sentencizer)."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc
