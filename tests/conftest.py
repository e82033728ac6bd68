"""Shared fixtures: the saved pipeline, loaded once per test session, and the published
sample database with its Datasette, built once for the publishing tests."""

from pathlib import Path

import pytest
from publish_fixture import build

from extract.engine import Extractor
from publish.serve import make_datasette


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    return extractor.nlp


@pytest.fixture(scope="session")
def extract_text(extractor):
    """Extract from a plain-text article; returns the JSON object of `pantau extract`."""

    def run(text: str, **record) -> dict:
        return extractor.extract_record({"id": "t", "text": text, **record}).to_json()

    return run


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample database of tests/publish_fixture.py, with its views and coordinates."""
    return build(tmp_path_factory.mktemp("publish") / "sample.db")


@pytest.fixture(scope="session")
def ds(db_path: Path):
    """A Datasette on ``db_path`` with pantau's configuration, as ``pantau serve`` makes it."""
    return make_datasette(db_path)
