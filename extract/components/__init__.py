"""pantau's spaCy components, registered by factory so ``spacy.load`` finds them.

Importing this package registers them; installed pantau also declares them as
``spacy_factories`` entry points, so a researcher's ``spacy.load(path)`` needs no import.
It imports spaCy first through extract.spacy_core (without spaCy's command-line package),
as the components are where a document's analysis first needs spaCy.
"""

import extract.spacy_core  # noqa: F401  (before any spaCy module)

# isort: split
from extract.components import awards, officials, region_ruler, regions, sentences

__all__ = ["awards", "officials", "region_ruler", "regions", "sentences"]
