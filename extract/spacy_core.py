"""spaCy imported without its command-line package, for a faster start.

``spacy/__init__.py`` imports ``spacy.cli.info`` only to offer ``spacy.info``, and that
imports the package ``spacy.cli``, whose ``__init__`` imports every spaCy command with
their libraries (typer, weasel, rich, requests, jinja2) and reads a YAML file: 0.15 s of
each ``pantau extract`` start, for commands pantau never runs. ``import_spacy`` imports
spaCy with a placeholder for those two modules and removes the placeholder right after,
so a later ``import spacy.cli`` (``models/ner/train.py`` uses ``spacy.cli.train``) imports
the real package as usual, and ``spacy.info`` imports it when called.

Importing this module imports spaCy: ``from extract.spacy_core import spacy`` before any
other spaCy import (extract.pipeline does, for every way the pipeline is loaded).
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_CLI = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, importing spaCy's command-line package only when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> ModuleType:
    """spaCy, imported without ``spacy.cli`` unless something imported spaCy already."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholders = {name: ModuleType(name) for name in _CLI}
    placeholders["spacy.cli.info"].info = _info  # type: ignore[attr-defined]
    sys.modules.update(placeholders)
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    return spacy


spacy = import_spacy()
