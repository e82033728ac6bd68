"""Tables that lay out an old site's page, turned into plain blocks.

trafilatura leaves tables out of the text (``include_tables`` is off: a table of figures
is no sentence), so on a table-layout site, whose every cell holds paragraphs, it found
no text at all. A table whose cells hold paragraphs or further tables is layout, not data.
"""

from __future__ import annotations

import lxml.html

_TABLE_PARTS = ("table", "tbody", "thead", "tfoot", "tr", "td", "th")


def flatten_layout_tables(tree: lxml.html.HtmlElement) -> None:
    """Turn each layout table of ``tree`` (in place) into nested <div> blocks."""
    for table in list(tree.iter("table")):
        if table.find(".//p") is None and table.find(".//table") is None:
            continue
        for element in table.iter(*_TABLE_PARTS):
            element.tag = "div"
