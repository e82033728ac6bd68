"""Sentence boundaries of Indonesian news (extract.components.sentences), and the doc text
the award rules cut sentences from."""

from extract.components.sentences import TEXT_KEY, doc_text, sentences, span_text

TEXT = (
    "Kota Kupang Raih UHC Awards\n"
    "Wali Kota Kupang dr. Christian Widodo menerima penghargaan di Jakarta. "
    "Kepala Dinas Kesehatan, Ir. Maria Lado, M.Kes. mengatakan capaian itu kerja bersama. "
    "penghargaan diserahkan Selasa (27/1/2026)."
)


def _sentences(nlp, text):
    return [s.text for s in sentences(nlp(text))]


def test_line_breaks_abbreviations_and_lowercase_starts(nlp):
    assert _sentences(nlp, TEXT) == [
        "Kota Kupang Raih UHC Awards\n",
        "Wali Kota Kupang dr. Christian Widodo menerima penghargaan di Jakarta.",
        "Kepala Dinas Kesehatan, Ir. Maria Lado, M.Kes. mengatakan capaian itu kerja bersama. "
        "penghargaan diserahkan Selasa (27/1/2026).",
    ]


def test_a_blank_line_and_a_one_token_doc(nlp):
    assert _sentences(nlp, "Judul\n\nIsi berita.") == ["Judul\n\n", "Isi berita."]
    assert _sentences(nlp, "Judul") == ["Judul"]
    assert _sentences(nlp, "") == []


def test_span_text_is_the_span_s_text(nlp):
    doc = nlp(TEXT)
    assert doc_text(doc) == TEXT
    assert [span_text(s) for s in sentences(doc)] == [s.text for s in sentences(doc)]


def test_doc_text_is_built_once_and_read_back(nlp):
    doc = nlp.make_doc("Kabupaten Belu meraih UHC Awards.")
    assert TEXT_KEY not in doc.user_data
    assert doc_text(doc) == "Kabupaten Belu meraih UHC Awards."
    doc.user_data[TEXT_KEY] = "stored"
    assert doc_text(doc) == "stored"
