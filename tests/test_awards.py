"""Award facts: who won, in which category and year, who received it, and when."""


def facts(result: dict) -> list[tuple]:
    return [
        (a["region_code"], a["category"], a["year"], a["recipient_name"], a["recipient_title"])
        for a in result["awards"]
    ]


def test_a_list_of_winners_yields_each_with_its_category(extract_text):
    result = extract_text(
        "Tiga Daerah di NTT Raih UHC Awards 2026\n"
        "KUPANG, Kabarnusa.id – Tiga daerah di Nusa Tenggara Timur meraih UHC Awards 2026. "
        "Daerah yang meraih penghargaan kategori Utama yakni Kota Kupang dan Kabupaten Sikka, "
        "sedangkan kategori Madya diraih Kabupaten Ende.\n"
        "Penghargaan diserahkan di Jakarta, Selasa (27/1)."
    )
    assert facts(result) == [
        ("53.71", "Utama", 2026, None, None),
        ("53.07", "Utama", 2026, None, None),
        ("53.08", "Madya", 2026, None, None),
    ]
    assert result["event_date"] == "2026-01-27"


def test_a_province_wins_and_the_deputy_receives_on_behalf_of_the_governor(extract_text):
    result = extract_text(
        "Pemprov NTB Terima Penghargaan UHC\n"
        "MATARAM – Pemerintah Provinsi Nusa Tenggara Barat menerima penghargaan Universal "
        "Health Coverage (UHC) Awards 2025 kategori Madya. Penghargaan diterima Wakil Gubernur "
        "NTB, Hj. Siti Aminah, S.E., M.M., mewakili Gubernur NTB di Jakarta, Rabu (8/1/2025)."
    )
    assert facts(result) == [("52", "Madya", 2025, "Siti Aminah", "Wakil Gubernur NTB")]
    assert result["awards"][0]["level"] == "provinsi"
    assert result["event_date"] == "2025-01-08"


def test_hopes_and_targets_are_not_awards(extract_text):
    result = extract_text(
        "Kabupaten Kupang Targetkan UHC Award\n"
        "OELAMASI – Pemkab Kupang menargetkan meraih UHC Award pada 2027. Bupati Kupang, "
        "Drs. Yosef Lede, mengatakan cakupan JKN baru 89 persen."
    )
    assert result["relevant"] is True
    assert result["awards"] == []
    assert result["event_date"] is None


def test_coverage_percentage_is_not_an_award(extract_text):
    result = extract_text(
        "Cakupan JKN Kota Bogor Capai 98 Persen\n"
        'Kota Bogor telah mencapai UHC dengan cakupan 98 persen. "Kami berharap Kabupaten '
        'Bogor bisa meraih UHC Awards tahun depan," kata Kepala Cabang BPJS Kesehatan Bogor, '
        "dr. Andi Wijaya."
    )
    assert result["awards"] == []


def test_venue_and_neighbour_are_not_winners(extract_text):
    result = extract_text(
        "Bupati Malang Terima UHC Award\n"
        "Bupati Malang, H. Sanusi, menerima penghargaan UHC Award 2024 di Jakarta Pusat pada "
        "Senin, 15 Januari 2024. Layanan juga terbuka bagi warga dari daerah tetangga seperti "
        "Kota Batu. Malang meraih predikat Pratama."
    )
    assert facts(result) == [("35.07", "Pratama", 2024, "Sanusi", "Bupati Malang")]
    assert result["event_date"] == "2024-01-15"


def test_irrelevant_article_is_not_analysed(extract_text):
    result = extract_text("Harga Cabai Naik\nWali Kota Kupang, Yohanes Bata, meninjau pasar.")
    assert result["relevant"] is False
    assert (result["awards"], result["officials"], result["regions"]) == ([], [], [])


def test_recipient_named_by_title_alone_takes_the_winner_region(extract_text):
    result = extract_text(
        "Bupati terima penghargaan UHC Awards 2026\n"
        "Pemerintah Kabupaten Lembata meraih UHC Awards 2026 kategori Pratama di Jakarta."
    )
    assert facts(result) == [("53.13", "Pratama", 2026, None, "Bupati Lembata")]


def test_another_award_in_the_same_article_is_not_a_uhc_award(extract_text):
    result = extract_text(
        "Alor Raih Penghargaan Swasti Saba\n"
        "Pemkab Alor meraih penghargaan Swasti Saba Wistara, Senin (3/11/2025). Penghargaan itu "
        "diterima Bupati Alor, Markus Lamma. Alor belum pernah meraih penghargaan UHC."
    )
    assert (result["awards"], result["event_date"]) == ([], None)


def test_a_page_without_any_keyword_gives_metadata_only(extractor):
    page = (
        b"<html><head><title>Harga Cabai Naik Jelang Natal - Kabarnusa</title>"
        b'<meta property="article:published_time" content="2026-11-02T08:00:00+08:00">'
        b"</head><body><article><h1>Harga Cabai Naik Jelang Natal</h1>"
        b"<p>Harga cabai rawit di Pasar Oebobo naik dua kali lipat.</p></article></body></html>"
    )
    result = extractor.extract_record({"id": "p", "html": page}).to_json()
    assert (result["title"], result["published"], result["relevant"]) == (
        "Harga Cabai Naik Jelang Natal",
        "2026-11-02",
        False,
    )


def test_each_region_of_a_handing_over_list_gets_its_own_recipient(extract_text):
    result = extract_text(
        "Belu dan Malaka Raih UHC Award\n"
        "Belu dan Malaka sama-sama meraih UHC Award kategori Utama tahun 2026. Penghargaan "
        "diserahkan kepada Bupati Belu, Agus Taolin, dan Bupati Malaka, Simon Bere."
    )
    assert facts(result) == [
        ("53.04", "Utama", 2026, "Agus Taolin", "Bupati Belu"),
        ("53.21", "Utama", 2026, "Simon Bere", "Bupati Malaka"),
    ]


def test_a_recipient_named_without_title_is_found_by_the_trained_ner(extract_text):
    result = extract_text(
        "Sikka Raih UHC Award\n"
        "Pemkab Sikka meraih UHC Awards 2026 kategori Madya. Penghargaan diterima langsung "
        "oleh Yohanes Lado di Jakarta, Selasa (27/1/2026)."
    )
    assert facts(result) == [("53.07", "Madya", 2026, "Yohanes Lado", None)]


def test_a_recipient_named_by_short_form_takes_the_title_given_elsewhere(extract_text):
    result = extract_text(
        "Ende Raih UHC Award\n"
        "Pemkab Ende meraih UHC Awards 2026 kategori Madya. Bupati Ende, Drs. Markus Seda, "
        "bersyukur. Penghargaan diterima oleh Markus di Jakarta."
    )
    assert facts(result) == [("53.08", "Madya", 2026, "Markus Seda", "Bupati Ende")]
