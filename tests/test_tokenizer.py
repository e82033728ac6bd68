"""The lean tokenizer splits Indonesian text as spaCy's own, without its start-up cost."""

import pytest
import spacy

TEXTS = [
    "Anak-anak (anak-anak) di desa-desa “kupu-kupu” sekolah. Tiba-tiba hujan.",
    "Jl. Jend. Sudirman No. 5, a.n. Bupati, tgl. 3/11/2025 pukul 10.00 WITA :-)",
    "Kota Bau-Bau dan Kabupaten Kupang-NTT meraih UHC Award 2025-2026 (JKN-KIS).",
    "Cakupan 98,5% warga; iuran Rp35.000/bulan, e-KTP, COVID-19, Kemendagri-nya.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_tokens_as_spacy_indonesian(nlp, text):
    full = spacy.blank("id").tokenizer
    assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in full(text)]


def test_a_reduplicated_word_stays_one_token_and_an_abbreviation_keeps_its_dots(nlp):
    assert [t.text for t in nlp.tokenizer("anak-anak a.n. Bupati")] == [
        "anak-anak",
        "a.n.",
        "Bupati",
    ]
