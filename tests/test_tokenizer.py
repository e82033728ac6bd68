"""The lean tokenizer splits Indonesian text as spaCy's own, without its start-up cost."""

import pytest
import spacy

TEXTS = [
    "Anak-anak (anak-anak) di desa-desa “kupu-kupu” sekolah. Tiba-tiba hujan.",
    "Jl. Jend. Sudirman No. 5, a.n. Bupati, tgl. 3/11/2025 pukul 10.00 WITA :-)",
    "Kota Bau-Bau dan Kabupaten Kupang-NTT meraih UHC Award 2025-2026 (JKN-KIS).",
    "Cakupan 98,5% warga; iuran Rp35.000/bulan, e-KTP, COVID-19, Kemendagri-nya.",
    "Kafé “Ngopi”-nya, Sánchez/Muñoz, naïve.Ñandú (Çelik)-lah; Đà Nẵng-2025.",
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


def test_the_affix_rules_name_latin_letters_not_every_script():
    from spacy.lang import char_classes
    from spacy.lang.id import Indonesian

    from extract.pipeline import latin_rules

    infixes = latin_rules(Indonesian.Defaults.infixes)
    assert not any(char_classes.ALPHA in rule for rule in infixes)
    assert sum(char_classes.LATIN in rule for rule in infixes) == 8


def test_only_punctuation_next_to_another_script_splits_differently(nlp):
    full = spacy.blank("id").tokenizer
    text = "Tim dari Москва-2025 dan Αθήνα/Κρήτη hadir."
    assert [t.text for t in nlp.tokenizer(text)] == [
        "Tim", "dari", "Москва-2025", "dan", "Αθήνα/Κρήτη", "hadir", "."
    ]  # fmt: skip
    assert [t.text for t in full(text)] == [
        "Tim", "dari", "Москва", "-", "2025", "dan", "Αθήνα", "/", "Κρήτη", "hadir", "."
    ]  # fmt: skip
