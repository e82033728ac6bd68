"""spaCy imported without its command-line package, which stays importable afterwards.

The analysis of a document imports extract.components first, the loading of the pipeline
extract.pipeline: both go through extract.spacy_core.
"""

import subprocess
import sys

PROBE = """
import sys
import extract.components.officials
import extract.pipeline
print("spacy.cli" in sys.modules, "typer" in sys.modules)
import spacy
from spacy.cli.train import train
print(spacy.cli.train.train is train, sorted(spacy.info())[:2])
"""


def test_pipeline_imports_spacy_without_its_cli_which_loads_later_on_demand():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    assert out.splitlines() == ["False False", "True ['location', 'pipelines']"]


def test_an_already_imported_spacy_is_returned_as_is():
    import spacy

    from extract.spacy_core import import_spacy

    assert import_spacy() is spacy
