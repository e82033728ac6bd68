"""Shared fixtures: the saved pipeline, loaded once per test session."""

import pytest

from extract.engine import Extractor


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
