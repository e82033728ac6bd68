"""pantau's spaCy components, registered by factory so ``spacy.load`` finds them.

Importing this package registers them; installed pantau also declares them as
``spacy_factories`` entry points, so a researcher's ``spacy.load(path)`` needs no import.
"""

from extract.components import awards, officials, region_ruler, regions, sentences

__all__ = ["awards", "officials", "region_ruler", "regions", "sentences"]
