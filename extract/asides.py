"""Boxes a page puts beside its article, removed before trafilatura reads the page.

trafilatura drops what its own vocabulary calls a sidebar ("sidebar", "widget", <aside>),
but when an article is short (under its MIN_EXTRACTED_SIZE, 250 characters) it goes back
over the whole page for paragraphs it missed, and keeps those of boxes it has no word
for: Joomla's module chrome (``<div class="moduletable"><h3>Pengumuman</h3><div
class="custom"><p>...``) or an ARIA ``role="complementary"`` box. A notice naming JKN and
BPJS Kesehatan in such a box made unrelated short stories relevant. The class names are
data (``aside_classes`` in extract/data/cleaning.json).
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement

from extract.datafiles import load_vocab

ASIDE_CLASSES: tuple[str, ...] = tuple(load_vocab("cleaning")["aside_classes"])

# A class token starting with one of ASIDE_CLASSES ("moduletable", "moduletable_menu").
_CLASS_TESTS = " or ".join(
    f"contains(concat(' ', normalize-space(@class)), ' {name}')" for name in ASIDE_CLASSES
)
_ASIDES = etree.XPath(f"//*[@role='complementary' or {_CLASS_TESTS}]")
# What only the article's own container holds: a box with one of these is not beside it.
_ARTICLE_INSIDE = etree.XPath(
    "boolean(.//h1 | .//article | .//main | .//*[@role='main' or @itemprop='articleBody'])"
)


def prune_asides(tree: HtmlElement) -> None:
    """Remove, in place, the boxes beside the article (see the module's docstring); a box
    holding the article (its headline, body or main element) is kept."""
    for box in _ASIDES(tree):
        if box.getparent() is not None and not _ARTICLE_INSIDE(box):
            box.drop_tree()
